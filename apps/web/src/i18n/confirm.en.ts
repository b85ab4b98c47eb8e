import type { ConfirmMessages } from './confirm.zh-CN';

/** Corrections and confirmations in English (exactly the keys of confirm.zh-CN.ts). */
const confirmEn: ConfirmMessages = {
  confirm: {
    title: 'Please confirm',
    proceed: 'OK',
    cancel: 'Cancel',
    unsaved: {
      title: 'Discard unsaved input?',
      message: 'What you typed in this dialog is not saved yet and will be lost if you close it.',
      discard: 'Discard and close',
      keep: 'Keep editing',
    },
    funds: {
      overContractTitle: 'Above the contract amount',
      overContract:
        'With this entry the funds arrived total {total} (10k CNY), more than the contract amount {contract}. Record it anyway?',
      overContractWarning: 'The funds arrived will total more than the contract amount {contract}',
      record: 'Record',
      reverse: 'Reverse',
      correct: 'Correct',
      reverseTitle: 'Reverse funds entry',
      reverseMessage:
        'A reversal of -{amount} ({at}) will be recorded; the entry stays, marked as reversed, and the funds and figures go down. Reason for the reversal:',
      correctTitle: 'Correct funds entry',
      correctMessage:
        'The entry {amount} ({at}) will be reversed and the corrected entry recorded with the amount and date below (both kept in the trail). Reason for the correction:',
      reasonPlaceholder: 'Reason (required)',
      reasonRequired: 'Please give a reason (at most 500 characters)',
      reversed: 'Reversed',
      reversal: 'Reversal of #{id}',
      correction: 'Correction of #{id}',
      reason: 'Reason: {reason}',
      reversedDone: 'The entry is reversed',
      correctedDone: 'The entry is corrected',
      correctAmount: 'Corrected amount (10k CNY)',
      correctDate: 'Corrected date',
      correctSubmit: 'Correct',
    },
    terminate: {
      title: 'Terminate project',
      message:
        'Project "{name}" will be terminated ({at}); its stage cannot change or be restored afterwards, and its open approval items and alerts no longer advance. Terminate?',
      confirm: 'Terminate',
    },
    settings: {
      title: 'Save settings',
      message:
        'Saving recomputes the lights and alerts of every open approval item with the new thresholds; alerts already raised may rise or resolve. Save?',
      confirm: 'Save and recompute',
    },
    catalog: {
      title: 'Change the item’s time limits',
      message:
        'With new time limits for "{name}", the deadline and light of every open milestone of this item are recomputed. Save?',
      confirm: 'Save and recompute',
    },
    milestone: {
      remove: 'Remove',
      title: 'Remove approval item',
      message:
        'The approval item "{item}" (added by mistake, nothing recorded yet) will be removed from the project. The removal is audited. Remove?',
      confirm: 'Remove',
      removed: 'Approval item removed',
    },
    session: {
      title: 'Session expired',
      message: 'Please sign in again. What you are filling in is kept and sent once you are signed in.',
      username: 'Username',
      password: 'Password',
      signIn: 'Sign in and continue',
      leave: 'Discard and go to sign-in',
    },
  },
};

export default confirmEn;
