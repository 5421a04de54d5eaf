import { type ErrorCode, ErrorCodes } from '../../contracts/errors';

export interface FieldError {
  path: string;
  message: string;
}

/** The one error type: a code both sides know, a status derived from it, a message for people. */
export class AppError extends Error {
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: FieldError[],
  ) {
    super(message);
    this.statusCode = ErrorCodes[code];
  }
}

export const notFound = (what = '记录') => new AppError('platform.not_found', `${what}不存在或无权查看`);
export const forbidden = () => new AppError('platform.forbidden', '没有执行此操作的权限');
export const versionConflict = () =>
  new AppError('platform.version_conflict', '该记录已被他人修改,请刷新后重试');
export const invalid = (path: string, message: string) =>
  new AppError('platform.validation', `${path}: ${message}`, [{ path, message }]);
