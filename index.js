// n8n reads the package's "n8n" field in package.json; nothing is exported here on purpose.
module.exports = {};
