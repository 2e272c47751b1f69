// Preloaded with `node -r` so that a peer which calls listen(port) without a host (all
// interfaces) binds 127.0.0.1 instead: nothing the tests start is reachable from the network.
"use strict";
const net = require("net");

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === "number" || (typeof args[0] === "string" && /^\d+$/.test(args[0]))) {
    if (args.length === 1 || typeof args[1] !== "string") {
      args.splice(1, 0, "127.0.0.1");
    }
  } else if (args[0] !== null && typeof args[0] === "object" && !Array.isArray(args[0]) && args[0].path === undefined) {
    args[0] = { ...args[0], host: args[0].host ?? "127.0.0.1" };
  } else if (args.length === 0 || typeof args[0] === "function") {
    args.unshift(0, "127.0.0.1");
  }
  return listen.apply(this, args);
};
