/** What every text form item (`TextField`, `TextAreaField`) takes: its label, validation `prop` and data-testid. */
export interface TextFieldProps {
  label: string;
  prop: string;
  testId: string;
  disabled?: boolean;
  maxlength?: number;
  placeholder?: string;
  /** A multi-line box of this many rows (a one-line box without it). */
  rows?: number;
  /** The multi-line box's character counter. */
  wordLimit?: boolean;
}
