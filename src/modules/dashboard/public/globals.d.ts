// What the dashboard's pages give their scripts besides the DOM: chart.js's UMD build, loaded by
// a <script> before app.js, sets window.Chart; session.js sets window.continuumSession.
import type { Chart as ChartJs } from 'chart.js';

declare global {
  interface Window {
    Chart: typeof ChartJs | undefined;
    continuumSession: {
      /** A bearer token for the API, made from the web session (reused until it nearly expires). */
      token(): Promise<string>;
      /** A new token, after the API refused the stored one. */
      renew(): Promise<string>;
      /** Signs out of the service (the web session), and goes to the sign-in page. */
      signOut(): Promise<void>;
    };
  }
}
