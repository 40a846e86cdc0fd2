import type { RequestHandler, Response } from 'express';
import { HttpError } from '../http/errors.ts';
import { verifyAppToken } from './app-token.ts';

/** Every dashboard API call: a valid app token, whose account is kept in `res.locals`. */
export function requireAppToken(secret: string): RequestHandler {
  return (req, res, next) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!m) return next(new HttpError(401, 'missing app token: open the app from the URL that `app-token` printed'));
    res.locals.appAccountId = verifyAppToken(secret, m[1]!).acc;
    next();
  };
}

export const appAccountId = (res: Response): number => res.locals.appAccountId as number;

/** `/accounts/:accountId/…` must name the token's account: clients never see each other's data. */
export const requireSameAccount: RequestHandler = (req, res, next) => {
  const requested = Number(req.params.accountId);
  if (!Number.isInteger(requested) || requested <= 0) return next(new HttpError(400, 'account id must be a positive integer'));
  if (requested !== appAccountId(res)) {
    return next(new HttpError(403, `this app token is for account ${appAccountId(res)}, not account ${requested}`));
  }
  next();
};
