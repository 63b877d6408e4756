// Progressive enhancement only: every page works without JavaScript.
import { initAll } from "/frontend/govuk-frontend.min.js";

initAll();
