/**
 * /api/admin/replays: runs an exported exchange's AReq again against this ACS as a dry run and
 * reports how the answer differs from the recorded one (src/flows/admin/replay.ts). The body is
 * a whole export, so it may be larger than the admin API's other bodies (up to 1 MiB); the
 * optional acctNumber in it is never logged or returned.
 */
import type { Router } from 'express';
import { replayExchange } from '../../flows/admin/replay.ts';
import type { FlowDeps } from '../../flows/common/deps.ts';
import { exchangeJsonBody, parseInput, refuseNonJson } from './admin-input.ts';
import type { AdminSchemas } from './admin-schemas.ts';
import { replayReportJson } from './exchange-json.ts';

/** Adds the replay route to the admin router, validating with `schemas`. */
export function addReplayRoutes(router: Router, deps: FlowDeps, { bodies }: AdminSchemas): void {
  router.post('/replays', refuseNonJson, exchangeJsonBody, async (req, res) => {
    res.json(replayReportJson(await replayExchange(deps, parseInput(bodies.Replay, req.body))));
  });
}
