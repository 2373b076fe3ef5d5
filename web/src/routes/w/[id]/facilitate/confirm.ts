/** What a panel asks the console's one confirmation dialog to show. */
export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  action: () => void | Promise<void>;
}

export type Confirm = (request: ConfirmRequest) => Promise<void>;
