type DemoTicket = {
  queue: string;
  customer: string;
  agent: string;
  title: string;
  body: string;
  priority: number;
  state: string;
  locked?: boolean;
  note?: string;
  answer?: string;
  followUp?: string;
};

const SUBJECTS: { queue: string; title: string; body: string; answer: string }[] = [
  { queue: "Support::1st level", title: "Cannot log in to the customer portal", body: "Since this morning the portal says my password is wrong, although I reset it twice.", answer: "We reset your account lock; please try again and tell us if it still fails." },
  { queue: "Support::1st level", title: "Nie działa drukarka w biurze", body: "Zażółć gęślą jaźń — drukarka na drugim piętrze nie drukuje od wczoraj.", answer: "Technik odwiedzi biuro jutro rano." },
  { queue: "Support::2nd level", title: "Export to CSV truncates long fields", body: "Fields longer than 255 characters are cut off in the monthly export.", answer: "Confirmed; a fix is scheduled for the next release." },
  { queue: "IT", title: "VPN-Verbindung bricht ständig ab", body: "Die VPN-Verbindung in der Straße 12 bricht alle zehn Minuten ab.", answer: "Bitte installieren Sie den neuen VPN-Client; danach sollte es stabil sein." },
  { queue: "IT", title: "New laptop for a new colleague", body: "Piotr starts on Monday and needs a laptop with the standard software.", answer: "The laptop is ready for pick-up at the IT desk." },
  { queue: "Sales", title: "Quote for 25 additional licences", body: "Please send us a quote for 25 more licences, billed yearly.", answer: "The quote is attached; it is valid for 30 days." },
  { queue: "Sales", title: "درخواست پیش‌فاکتور برای خدمات پشتیبانی", body: "لطفاً پیش‌فاکتور خدمات پشتیبانی سالانه را برای شرکت ما ارسال کنید.", answer: "پیش‌فاکتور برای شما ارسال شد." },
  { queue: "IT", title: "Mailbox full", body: "My mailbox says it is full and I cannot send e-mails any more.", answer: "We doubled your quota; please archive older mail as well." },
  { queue: "Support::1st level", title: "Invoice shows the wrong address", body: "Our invoice for October still shows our old street address.", answer: "We corrected the address and re-issued the invoice." },
  { queue: "Support::2nd level", title: "API returns 500 on large uploads", body: "Uploads over 20 MB fail with HTTP 500 since the last update.", answer: "The upload limit was misconfigured; it is fixed now." },
];

const STATES = [
  "new", "new", "open", "open", "pending reminder", "pending auto close+", "closed successful",
  "closed unsuccessful", "open", "new", "closed successful", "pending auto close-", "open",
];
const CUSTOMERS = ["customer@example.com", "customer2@example.com", "colleague@example.com"];

/** 52 tickets: every subject in several states, spread over customers and agents that may work them. */
export const DEMO_TICKETS: DemoTicket[] = Array.from({ length: 52 }, (_, i) => {
  const subject = SUBJECTS[i % SUBJECTS.length]!;
  const state = STATES[i % STATES.length]!;
  const agent = subject.queue === "Sales" ? "agent2@example.com" : i % 5 === 0 ? "admin@example.com" : "agent@example.com";
  return {
    queue: subject.queue,
    customer: CUSTOMERS[i % CUSTOMERS.length]!,
    agent,
    title: i < SUBJECTS.length ? subject.title : `${subject.title} (#${Math.floor(i / SUBJECTS.length) + 1})`,
    body: subject.body,
    priority: [3, 3, 4, 2, 5, 3, 1][i % 7]!,
    state,
    locked: i % 4 === 0,
    note: i % 3 === 0 ? "Checked the logs; this looks like the known issue from last week." : undefined,
    answer: state === "new" ? undefined : subject.answer,
    followUp: i % 6 === 2 ? "Thank you! One more question: does this also apply to my colleagues?" : undefined,
  };
});
