/** Kinds of personal data the scanner reports. */
export type PrivacyKind = 'id_card' | 'mobile' | 'bank_card' | 'email' | 'landline' | 'passport'
  /** 18 digits with a valid region and birth date but a wrong check digit (a likely typo): a low hint. */
  | 'id_card_suspect';

/**
 * `low` marks data that is usually fine to publish (government office landlines, *.gov.cn
 * mailboxes): the UI shows it but does not block publication on it.
 */
export type PrivacySeverity = 'high' | 'low';

export interface PrivacyHit {
  readonly kind: PrivacyKind;
  readonly severity: PrivacySeverity;
  /** Exactly `source.slice(start, end)`. */
  readonly text: string;
  /** UTF-16 offsets into the scanned string, end exclusive. */
  readonly start: number;
  readonly end: number;
}
