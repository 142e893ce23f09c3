// Start the NHS.UK frontend components (character counts, error summary focus, header menu).
import { initAll } from './nhsuk/nhsuk-frontend.min.js'

initAll()
