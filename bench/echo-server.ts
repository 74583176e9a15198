/**
 * The baseline: a plain express 5 app with one JSON echo route, in its own worker thread.
 * It pays what any express JSON endpoint pays (routing, body parsing, serialising), so the
 * ACS's figures divided by these say what the ACS's own work costs.
 */
import { createServer } from 'node:http';
import express from 'express';
import { closeServer, listenOnFreePort } from './http-listen.ts';
import { serveInThread } from './thread-server.ts';

serveInThread(async () => {
  const app = express();
  app.post('/echo', express.json(), (req, res) => {
    res.json(req.body);
  });
  const server = createServer(app);
  const port = await listenOnFreePort(server);
  return { port, close: () => closeServer(server) };
});
