// Preloaded into a spawned bot (NODE_OPTIONS=--require): says on stderr when OpenTelemetry's Azure
// Monitor distro is loaded, so a test can tell "not started" from "started".
const Module = require('node:module');
const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === '@azure/monitor-opentelemetry') process.stderr.write(`telemetry-loaded: ${request}\n`);
  return load.call(this, request, ...rest);
};
