/**
 * Checklist templates written for Plenary, after common indicator lists (ILO, UNODC, IOM).
 * They are prompts for discussion in training, not a legal standard.
 */
export interface ChecklistTemplate {
  id: string;
  title: string;
  sections: Array<{ title: string; items: string[] }>;
}

export const CHECKLIST_TEMPLATES: ChecklistTemplate[] = [
  {
    id: 'identification-adult',
    title: 'Indicators of trafficking: adults',
    sections: [
      {
        title: 'Recruitment by deception',
        items: [
          'Was promised a job, wage or conditions that turned out to be different',
          'Was deceived about the nature of the work or the employer',
          'Was deceived about travel, visa or legal status',
        ],
      },
      {
        title: 'Recruitment by coercion',
        items: [
          'Was threatened, or family members were threatened',
          'Was recruited under the influence of debt to the recruiter',
          'Documents were taken during recruitment or travel',
        ],
      },
      {
        title: 'Abuse of vulnerability',
        items: [
          'Irregular migration status used as leverage',
          'Does not speak the local language and depends on the employer',
          'Economic hardship or family obligations used to keep the person in place',
        ],
      },
      {
        title: 'Exploitative conditions',
        items: [
          'Excessive working hours, no days off',
          'Wages withheld, unpaid or heavily deducted',
          'Degrading living conditions provided by the employer',
        ],
      },
      {
        title: 'Coercion at destination',
        items: [
          'Cannot leave the workplace or accommodation freely',
          'Identity documents kept by the employer',
          'Debt that grows and cannot be repaid',
          'Violence or threats of denunciation to the authorities',
        ],
      },
    ],
  },
  {
    id: 'identification-child',
    title: 'Indicators of trafficking: children',
    sections: [
      {
        title: 'Recruitment',
        items: [
          'Child was moved away from parents or legal guardians',
          'Promises of education or work were made to the family',
          'Money or goods were given to the family for the child',
        ],
      },
      {
        title: 'Exploitative conditions',
        items: [
          'Child works, begs or sells goods for an adult',
          'Child shows signs of neglect, malnutrition or abuse',
          'Child does not attend school',
        ],
      },
      {
        title: 'Control',
        items: [
          'Child is accompanied by an adult who is not a relative and speaks for them',
          'Child has no identity documents, or false ones',
          'Child is afraid to talk or gives a rehearsed story',
        ],
      },
      {
        title: 'Note',
        items: ['The consent of a child to exploitation is irrelevant: no means need to be shown'],
      },
    ],
  },
  {
    id: 'first-contact-referral',
    title: 'First contact and referral',
    sections: [
      {
        title: 'Safety',
        items: [
          'Is the person in immediate danger? Call emergency services if so',
          'Is it safe to talk here, away from the suspected exploiter?',
          'Are there children or family members at risk?',
        ],
      },
      {
        title: 'Informed consent',
        items: [
          'Explain who you are, what happens next and the person\u2019s rights',
          'Ask for consent before sharing any information with another agency',
          'Record what the person agreed to share, and with whom',
        ],
      },
      {
        title: 'Interpretation',
        items: [
          'Offer a trained interpreter of the person\u2019s choice of gender',
          'Check the interpreter has no link to the suspected exploiter',
        ],
      },
      {
        title: 'Referral',
        items: [
          'Refer to shelter or safe accommodation',
          'Refer to health services',
          'Refer to legal aid, and inform of the right to a reflection period',
          'For a child: inform child protection services and appoint a guardian',
        ],
      },
    ],
  },
];

export const checklistTemplate = (id: string | null | undefined) =>
  CHECKLIST_TEMPLATES.find((t) => t.id === id);
