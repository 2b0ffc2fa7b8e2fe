// The Go bindings of node:crypto and Web Crypto (crypto.go), shared.
'use strict';
module.exports = host;
