'use strict';
/** The one place that knows where the IIDaaS OpenAPI document lives (see spec/README.md). */
const path = require('path');

const SPEC_PATH = path.join(__dirname, 'iidaas-issuance-5.46.json');

module.exports = { SPEC_PATH };
