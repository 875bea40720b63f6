import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';

/** One message, ready to send: both bodies rendered, the `Message-ID` fixed by the event. */
export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  language: 'da' | 'en';
}

/**
 * What became of one attempt. A temporary failure (a 4xx reply, no connection) is worth
 * trying again later; a permanent one (a 5xx reply, an address the server refuses) is not.
 */
export type SendOutcome =
  | { status: 'accepted' }
  | { status: 'temporary'; code: number | null; reason: string }
  | { status: 'permanent'; code: number | null; reason: string };

/** The one way the service sends a message; SMTP and `.eml` files implement it, a Digital Post adapter could too. */
export interface MailTransport {
  readonly name: string;
  send(message: MailMessage): Promise<SendOutcome>;
  close(): void;
}

function nodemailerOptions(message: MailMessage) {
  return {
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    headers: { 'Content-Language': message.language, 'Auto-Submitted': 'auto-generated' },
  };
}

interface SmtpError {
  responseCode?: number;
  response?: string;
  code?: string;
  message?: string;
}

/** How an error from nodemailer's SMTP client is classified. */
export function classifySmtpError(error: unknown): Exclude<SendOutcome, { status: 'accepted' }> {
  const { responseCode, response, code, message } = (error ?? {}) as SmtpError;
  const reason = (response ?? message ?? String(error)).slice(0, 500);
  // A login refused is our configuration, not the recipient: keep trying until it is fixed.
  if (responseCode !== undefined && responseCode >= 500 && code !== 'EAUTH') return { status: 'permanent', code: responseCode, reason };
  return { status: 'temporary', code: responseCode ?? null, reason: code ? `${code}: ${reason}` : reason };
}

/** Sends through the mail server at `url` (smtp:// or smtps://). */
export function smtpTransport(url: string, options: { connectionTimeoutMs?: number } = {}): MailTransport {
  const timeout = options.connectionTimeoutMs ?? 30_000;
  const smtp = nodemailer.createTransport({
    url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout * 2,
  });
  return {
    name: 'smtp',
    async send(message) {
      try {
        await smtp.sendMail(nodemailerOptions(message));
        return { status: 'accepted' };
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    close: () => smtp.close(),
  };
}

/**
 * Writes each message as an `.eml` file into `dir` instead of sending it (no SMTP_URL):
 * the quick start works offline, and the files open in any mail program. The file is named
 * by the event, so a repeated attempt replaces it rather than adding a second.
 */
export function fileTransport(dir: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    name: 'file',
    async send(message) {
      try {
        const info = await composer.sendMail(nodemailerOptions(message));
        await mkdir(dir, { recursive: true });
        const name = `${message.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9.@_-]/g, '_')}.eml`;
        const draft = path.join(dir, `.${name}.tmp`);
        // Written aside and renamed, so a reader never sees half a message.
        await writeFile(draft, info.message as Buffer);
        await rename(draft, path.join(dir, name));
        return { status: 'accepted' };
      } catch (error) {
        return { status: 'temporary', code: null, reason: (error as Error).message };
      }
    },
    close: () => composer.close(),
  };
}

/** SMTP when SMTP_URL is set, else `.eml` files under DATA_DIR/mail. */
export function mailTransportFor(config: { SMTP_URL?: string | undefined; DATA_DIR: string }): MailTransport {
  return config.SMTP_URL ? smtpTransport(config.SMTP_URL) : fileTransport(path.join(config.DATA_DIR, 'mail'));
}
