// The slice of a pino/Fastify logger that messaging uses.
export interface Logger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}
