// The pages' only script: GOV.UK Frontend's and MOJ Frontend's components, enhanced when the
// browser supports them (the template marks <body> with govuk-frontend-supported). Every page
// works without it. Loaded with the page's CSP nonce; the imports inherit it.
import { initAll as initGovukFrontend } from './govuk-frontend.min.js';
import { initAll as initMojFrontend } from './moj-frontend.min.js';

initGovukFrontend();
initMojFrontend();
