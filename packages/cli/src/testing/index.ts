/**
 * `toolbridge/testing`: gateways for your own tests. Record a session with a real model once, then
 * replay it offline and deterministically (docs/cassettes.md, docs/adr/0009-cassette-helper-in-the-cli-package.md).
 * @module
 */
export {
  type CassetteGateway,
  type RecordingGatewayOptions,
  type ReplayGatewayOptions,
  startRecordingGateway,
  startReplayGateway,
} from './cassette-gateway.js';
