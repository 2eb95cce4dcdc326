import nodemailer from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** The one side effect of mail: nodemailer over SMTP (credentials inside the smtp:// URL). */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<{ messageId: string | undefined }>;
  close(): void;
}

export function createSmtpTransport(smtpUrl: string): MailTransport {
  // Short timeouts: a hung server must fail the attempt (then BullMQ backs off), not hold the worker.
  // (nodemailer reads transport options from the URL's query; the URL's own settings win.)
  const url = new URL(smtpUrl);
  for (const [key, value] of Object.entries({ connectionTimeout: '15000', greetingTimeout: '15000', socketTimeout: '60000' })) {
    if (!url.searchParams.has(key)) url.searchParams.set(key, value);
  }
  const transport = nodemailer.createTransport(url.toString());
  return {
    async send(mail) {
      const info = await transport.sendMail(mail);
      return { messageId: typeof info.messageId === 'string' ? info.messageId : undefined };
    },
    close: () => transport.close(),
  };
}
