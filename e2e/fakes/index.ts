// The local stand-ins for SMTP, LINE, Chatwork, Slack incoming webhooks and webhook receivers used by tests, benchmarks and the demo.
export { startSmtpSink, type SmtpSink, type SmtpSinkOptions, type SinkMessage, type SmtpFault } from './smtp-sink';
export { startLineApi, type FakeLineApi, type LineApiOptions, type LineDelivery } from './line-api';
export { fakeLineUserId, type LineMessage } from './line-validate';
export {
  signLineBody,
  followEvent,
  unfollowEvent,
  textMessageEvent,
  lineWebhookBody,
  postLineWebhook,
  type LineWebhookEvent,
} from './line-webhook';
export { startChatworkApi, type FakeChatworkApi, type ChatworkApiOptions, type ChatworkMessage } from './chatwork-api';
export { startSlackWebhooks, type FakeSlackWebhooks, type SlackPost } from './slack-webhook';
export { startWebhookReceiver, type FakeWebhookReceiver, type WebhookDelivery } from './webhook-receiver';
export { signChatworkBody, chatworkMessageCreated, postChatworkWebhook } from './chatwork-webhook';
export { type HttpFault } from './loopback-http';
export { FaultPlan } from './faults';
export { startFakesControl, DEFAULT_HTTP_FAULTS, DEFAULT_SMTP_FAULTS, type RunningFakes, type FaultRequest } from './control';
export { fakesControl, waitUntil, type FakesControl } from './control-client';
