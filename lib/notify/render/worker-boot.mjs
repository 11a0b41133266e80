// Entry of the render worker thread: TypeScript loading (tsx) does not carry over to worker
// threads, so register it here and then load the real entry given in workerData.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
