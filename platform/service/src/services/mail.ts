/** A message and the port that delivers it (DevMailbox in development, SMTP in production). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
