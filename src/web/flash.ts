// Post/Redirect/Get: a successful form POST answers 303 to a GET page and leaves a one-time
// message in a signed, HTTP-only cookie. The text is chosen by the server (a signed cookie cannot be
// forged by a link), shown once by the next page that reads it, then cleared.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';

export const FLASH_COOKIE = 'gk_flash';
const MAX_FLASH = 300;

/** Remembers a success message for the next page the browser loads. */
export function setFlash(reply: FastifyReply, message: string): void {
  reply.setCookie(FLASH_COOKIE, message.slice(0, MAX_FLASH), { signed: true, httpOnly: true, sameSite: 'lax', path: '/', maxAge: 300, secure: 'auto' });
}

/** 303 to a GET page with a one-time message. */
export function redirectWithFlash(reply: FastifyReply, to: string, message: string): FastifyReply {
  setFlash(reply, message);
  return reply.redirect(to, 303);
}

/** The pending message (if any, and only if its signature is good); clears it so a reload does not show it again. */
export function takeFlash(req: FastifyRequest, reply: FastifyReply): string | null {
  const raw = req.cookies?.[FLASH_COOKIE];
  if (!raw) return null;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  const un = req.unsignCookie(raw);
  return un.valid && un.value ? un.value.slice(0, MAX_FLASH) : null;
}

/** The field errors of a validation failure ({ _: message } when it names no field), else null. */
export const formErrors = (err: unknown): Record<string, string> | null => {
  if (!(err instanceof AppError) || err.kind !== 'invalid') return null;
  return Object.keys(err.fields).length ? err.fields : { _: err.message };
};

/**
 * The one shape of a form POST: run the change; on success 303 to `done.to` with `done.notice`;
 * on a validation failure re-render the form (status 400, input kept) through `rerender`.
 * Anything else propagates to the central error handler.
 */
export async function handleFormPost<T>(
  reply: FastifyReply,
  run: () => Promise<T>,
  done: (result: T) => { to: string; notice: string },
  rerender: (errors: Record<string, string>) => unknown,
): Promise<unknown> {
  let result: T;
  try {
    result = await run();
  } catch (err) {
    const errors = formErrors(err);
    if (errors) return rerender(errors);
    throw err;
  }
  const d = done(result);
  return redirectWithFlash(reply, d.to, d.notice);
}
