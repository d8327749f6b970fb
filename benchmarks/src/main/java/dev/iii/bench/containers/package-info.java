/**
 * What WebSocket containers cost per byte, apart from iii: a sink server on Tomcat's or Jetty's JSR-356
 * implementation and a client on Tomcat's, Jetty's or the JDK's, each in its own process, streaming binary
 * messages over loopback. It measures the alternatives to the Tomcat client and server that limit the
 * channel and 1 MiB figures (see {@code docs/performance.md}); nothing of the SDK or the engine runs here.
 */
package dev.iii.bench.containers;
