import type { Database } from '../db/client.js';
import { maskedMobile } from '../domain/mobile-phone.js';
import { takeUnsentSms } from '../use-cases/public/sms-outbox.js';

/**
 * The embedded default's SMS gateway: every second, the messages in the outbox are printed on the
 * console of `npm start` (a sign-in code is then read there) and marked sent. Production delivers the
 * outbox to the operator's SMS provider instead (README: SMS payload). The phone is shown masked.
 */
export function printSmsOutbox(db: Database, print: (line: string) => void, intervalMs = 1000): () => void {
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    takeUnsentSms(db)
      .then((messages) => {
        for (const message of messages)
          print(
            `  SMS ${message.templateId} → ${maskedMobile(message.phone)} ${JSON.stringify(message.params)}`,
          );
      })
      .catch(() => {})
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
