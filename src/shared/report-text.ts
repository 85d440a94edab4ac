// The words of reports in both languages, shared by the screen and the server's exports and
// mails so that a PDF says exactly what the screen said. Keys: `report.<key>`,
// `section.<id>`, `column.<key>`, `none.<dimension>`, `tier.<tier>`, `outcome.<o>`.
export const REPORT_TEXT = {
  en: {
    'report.service': 'Service', 'report.complaints': 'Complaints',
    'section.byQueue': 'Calls by queue', 'section.byTeam': 'Calls by team', 'section.bySite': 'Calls by site',
    'section.byAgent': 'Calls by agent', 'section.byTier': 'Calls by customer tier',
    'section.email': 'E-mail answered within 2 working hours', 'section.callbacks': 'Call-backs kept',
    'section.byCategory': 'Cases by category', 'section.byChannel': 'Cases by channel', 'section.repeat': 'Top repeat complainants',
    'column.label': 'Name',
    'column.offered': 'Offered', 'column.answered': 'Answered', 'column.abandoned': 'Abandoned (≥ 5 s)',
    'column.shortAbandoned': 'Short abandons (< 5 s)', 'column.serviceLevel': 'Service level % (20 s)', 'column.abandonment': 'Abandonment %',
    'column.asa': 'Avg speed of answer', 'column.aht': 'Avg handle time (target 2:30)', 'column.handledInTarget': 'Handled within 2:30 %',
    'column.received': 'Received', 'column.answeredInTarget': 'Answered in time', 'column.missed': 'Late or unanswered',
    'column.pending': 'Still within time', 'column.withinTarget': 'Within 2 working hours % (target 90 %)',
    'column.due': 'Due', 'column.kept': 'Kept', 'column.keptPct': 'Kept %',
    'column.filed': 'Filed', 'column.resolved': 'Resolved', 'column.slaMet': 'SLA met %', 'column.resolutionHours': 'Avg resolution (hours)',
    'column.reopenRate': 'Reopen rate %', 'column.cases': 'Complaints',
    'column.at': 'Time', 'column.queue': 'Queue', 'column.agent': 'Agent', 'column.team': 'Team', 'column.tier': 'Tier',
    'column.outcome': 'Outcome', 'column.wait': 'Wait', 'column.handle': 'Handle time', 'column.customer': 'Customer',
    'none.team': 'No team', 'none.agent': 'No agent (abandoned)', 'none.site': 'No site', 'none.tier': 'Unknown customer', 'none.queue': 'No queue',
    'total': 'Total', 'period': 'Period', 'compare': 'Compared with', 'generated': 'Generated',
    'tier.platinum': 'Platinum', 'tier.gold': 'Gold', 'tier.silver': 'Silver', 'tier.regular': 'Regular',
    'outcome.answered': 'Answered', 'outcome.abandoned': 'Abandoned',
    'category.complaint': 'Complaint', 'category.billing': 'Billing', 'category.technical': 'Technical fault', 'category.request': 'Service request',
    'channel.phone': 'Phone', 'channel.email': 'E-mail', 'channel.sms': 'SMS', 'channel.letter': 'Letter',
    'column.caseNo': 'Case', 'column.category': 'Category', 'column.channel': 'Channel', 'column.status': 'Status',
    'mail.subject': 'Sapa report: {report}, {period}', 'mail.body': 'The {report} report for {period} is attached.\n\nSapa',
  },
  id: {
    'report.service': 'Layanan', 'report.complaints': 'Keluhan',
    'section.byQueue': 'Panggilan per antrean', 'section.byTeam': 'Panggilan per tim', 'section.bySite': 'Panggilan per lokasi',
    'section.byAgent': 'Panggilan per agen', 'section.byTier': 'Panggilan per tingkat pelanggan',
    'section.email': 'E-mail dijawab dalam 2 jam kerja', 'section.callbacks': 'Panggilan balik ditepati',
    'section.byCategory': 'Kasus per kategori', 'section.byChannel': 'Kasus per saluran', 'section.repeat': 'Pelapor keluhan berulang teratas',
    'column.label': 'Nama',
    'column.offered': 'Masuk', 'column.answered': 'Dijawab', 'column.abandoned': 'Ditinggalkan (≥ 5 dtk)',
    'column.shortAbandoned': 'Ditinggalkan singkat (< 5 dtk)', 'column.serviceLevel': 'Tingkat layanan % (20 dtk)', 'column.abandonment': 'Tingkat ditinggalkan %',
    'column.asa': 'Rata-rata waktu jawab', 'column.aht': 'Rata-rata waktu penanganan (target 2:30)', 'column.handledInTarget': 'Ditangani dalam 2:30 %',
    'column.received': 'Diterima', 'column.answeredInTarget': 'Dijawab tepat waktu', 'column.missed': 'Terlambat atau belum dijawab',
    'column.pending': 'Masih dalam waktu', 'column.withinTarget': 'Dalam 2 jam kerja % (target 90 %)',
    'column.due': 'Jatuh tempo', 'column.kept': 'Ditepati', 'column.keptPct': 'Ditepati %',
    'column.filed': 'Diajukan', 'column.resolved': 'Diselesaikan', 'column.slaMet': 'SLA terpenuhi %', 'column.resolutionHours': 'Rata-rata penyelesaian (jam)',
    'column.reopenRate': 'Tingkat dibuka kembali %', 'column.cases': 'Keluhan',
    'column.at': 'Waktu', 'column.queue': 'Antrean', 'column.agent': 'Agen', 'column.team': 'Tim', 'column.tier': 'Tingkat',
    'column.outcome': 'Hasil', 'column.wait': 'Waktu tunggu', 'column.handle': 'Waktu penanganan', 'column.customer': 'Pelanggan',
    'none.team': 'Tanpa tim', 'none.agent': 'Tanpa agen (ditinggalkan)', 'none.site': 'Tanpa lokasi', 'none.tier': 'Pelanggan tidak dikenal', 'none.queue': 'Tanpa antrean',
    'total': 'Total', 'period': 'Periode', 'compare': 'Dibandingkan dengan', 'generated': 'Dibuat',
    'tier.platinum': 'Platinum', 'tier.gold': 'Gold', 'tier.silver': 'Silver', 'tier.regular': 'Reguler',
    'outcome.answered': 'Dijawab', 'outcome.abandoned': 'Ditinggalkan',
    'category.complaint': 'Keluhan', 'category.billing': 'Tagihan', 'category.technical': 'Gangguan teknis', 'category.request': 'Permintaan layanan',
    'channel.phone': 'Telepon', 'channel.email': 'E-mail', 'channel.sms': 'SMS', 'channel.letter': 'Surat',
    'column.caseNo': 'Kasus', 'column.category': 'Kategori', 'column.channel': 'Saluran', 'column.status': 'Status',
    'mail.subject': 'Laporan Sapa: {report}, {period}', 'mail.body': 'Terlampir laporan {report} untuk {period}.\n\nSapa',
  },
} as const satisfies Record<'en' | 'id', Record<string, string>>;

export type ReportLanguage = keyof typeof REPORT_TEXT;

/** The text of `key` in `language` with {name} placeholders filled; an unknown key is shown as is. */
export function reportText(language: ReportLanguage, key: string, vars: Record<string, string> = {}): string {
  const text = (REPORT_TEXT[language] as Record<string, string>)[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? `{${name}}`);
}
