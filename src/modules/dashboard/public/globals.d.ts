// What the dashboard's page gives its script besides the DOM: chart.js's UMD build, loaded by
// a <script> before app.js, sets window.Chart.
import type { Chart as ChartJs } from 'chart.js';

declare global {
  interface Window {
    Chart: typeof ChartJs | undefined;
  }
}
