import { createChatTransport } from './chat-transport.js';
import { describeTransportConformance } from './transport.case.js';

describeTransportConformance('chat', (client) => createChatTransport({ client }));
