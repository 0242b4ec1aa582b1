// Worker thread (connect.ts, `backgroundCheckpoint`): checkpoints the SQLite WAL with its own connection,
// so the fsyncs of a checkpoint never run on the server's event loop. Under publishing, the automatic
// checkpoint ran inside a request's COMMIT and stalled every request for up to ~150 ms on a busy disk.
// Plain JavaScript (no tsx needed in the worker). PASSIVE: never waits for, nor blocks, readers or writers.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
db.pragma('busy_timeout = 0');
const every = workerData.everyMs;
const tick = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    // SQLITE_BUSY and the like: try again at the next tick.
    parentPort.postMessage({ error: String(err && err.code) });
  }
};
const timer = setInterval(tick, every);
parentPort.on('message', (m) => {
  if (m === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
