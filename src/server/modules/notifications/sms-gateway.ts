// The SMS gateway behind one interface. One-time codes go straight to the gateway and never into the
// outbox table, so no code is ever stored in plaintext. The fake gateway (demo and development only;
// config.ts refuses it in production) writes each message to the log and keeps the last ones in memory
// for tests; a real operator's gateway implements the same `send`.

export interface SmsMessage {
  to: string;
  text: string;
  at: string;
}

export interface SmsGateway {
  readonly kind: "fake" | "none";
  /** Sends one message; false when no gateway is configured. */
  send(to: string, text: string): Promise<boolean>;
}

export interface FakeSmsGateway extends SmsGateway {
  readonly kind: "fake";
  /** The messages sent so far (the last 200), newest last. */
  readonly sent: readonly SmsMessage[];
}

export function makeFakeSmsGateway(
  log: (line: string) => void = (line) => console.info(line),
): FakeSmsGateway {
  const sent: SmsMessage[] = [];
  return {
    kind: "fake",
    sent,
    async send(to, text) {
      sent.push({ to, text, at: new Date().toISOString() });
      if (sent.length > 200) sent.shift();
      log(`[fake SMS gateway, demo only] to ${to}: ${text}`);
      return true;
    },
  };
}

export const noSmsGateway: SmsGateway = { kind: "none", send: async () => false };
