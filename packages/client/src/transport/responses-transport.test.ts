import { createResponsesTransport } from './responses-transport.js';
import { describeTransportConformance } from './transport.case.js';

describeTransportConformance('responses', (client) => createResponsesTransport({ client }));
