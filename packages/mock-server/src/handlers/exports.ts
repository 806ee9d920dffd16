/**
 * CSV exports (`exportCases`, `exportResolutionStats`) for the monthly
 * reports grid centres file: UTF-8 with a byte-order mark (Excel in China
 * reads a file without one as GBK), CRLF, RFC 4180 quoting, and formulas
 * escaped — a resident writes the description, and `=HYPERLINK(…)` must stay
 * text. The case list is read a page at a time while it is sent, so a
 * million cases take as much memory as one page.
 */
import type { Schemas } from '@gridkit/sdk';
import { stringify } from 'csv-stringify/sync';
import { isOverdue } from '../domain/cases.js';
import { shanghaiDate, shanghaiDateTime } from '../domain/time.js';
import type { Handler, Reply, RequestContext } from '../http/handler.js';
import { listCaseRows, type CaseRow } from '../store/cases.js';
import { categoryNames } from '../store/categories.js';
import { gridNamesById } from '../store/grids.js';
import { resolutionStats } from '../store/stats.js';
import { caseFilterOf } from './case-filter.js';

type Locale = RequestContext<'exportCases'>['locale'];

/** Rows read per step of a case export: a few hundred kilobytes of CSV. */
const pageSize = 500;

const csvOptions = { record_delimiter: '\r\n', escape_formulas: true } as const;
const byteOrderMark = '\uFEFF';

type Column<T> = [Record<Locale, string>, (item: T) => string | number | boolean | null | undefined];

const label = (zhCN: string, zhTW: string, en: string): Record<Locale, string> => ({
  'zh-CN': zhCN,
  'zh-TW': zhTW,
  en,
});

/** What a case row shows in the export, with the names it needs looked up once per export. */
interface CaseLine {
  row: CaseRow;
  category: string;
  grid: string;
  now: Date;
}

const time = (value: string | null) => (value ? shanghaiDateTime(value) : '');

/** The contract's column list (see `exportCases`); no reporter name or phone. */
const caseColumns: Column<CaseLine>[] = [
  [label('工单号', '工單號', 'Ticket'), ({ row }) => row.ticket],
  [label('状态', '狀態', 'Status'), ({ row }) => row.status],
  [label('层级', '層級', 'Level'), ({ row }) => row.level],
  [label('优先级', '優先級', 'Priority'), ({ row }) => row.priority],
  [label('类别代码', '類別代碼', 'Category code'), ({ row }) => row.category_code],
  [label('类别', '類別', 'Category'), ({ category }) => category],
  [label('网格编号', '網格編號', 'Grid id'), ({ row }) => row.grid_id],
  [label('网格', '網格', 'Grid'), ({ grid }) => grid],
  [label('渠道', '渠道', 'Channel'), ({ row }) => row.channel],
  [label('上报时间', '上報時間', 'Reported (Shanghai)'), ({ row }) => time(row.created_at)],
  [label('办理时限', '辦理時限', 'Due (Shanghai)'), ({ row }) => time(row.due_at)],
  [label('受理时间', '受理時間', 'Accepted (Shanghai)'), ({ row }) => time(row.accepted_at)],
  [label('办结时间', '辦結時間', 'Closed (Shanghai)'), ({ row }) => time(row.closed_at)],
  [label('办结层级', '辦結層級', 'Closed at level'), ({ row }) => row.closed_level],
  [label('超期', '超期', 'Overdue'), ({ row, now }) => isOverdue(row.status, row.due_at, now)],
  [label('返工次数', '返工次數', 'Reopened'), ({ row }) => row.reopen_count],
  [label('异议次数', '異議次數', 'Disputed'), ({ row }) => row.dispute_count],
  [label('评价分', '評價分', 'Score'), ({ row }) => row.evaluation_score],
  [label('回访', '回訪', 'Follow-up'), ({ row }) => row.follow_up_status],
  [
    label('承办', '承辦', 'Assignee'),
    ({ row }) => (row.assignee ? (JSON.parse(row.assignee) as Schemas['Assignee']).name : ''),
  ],
  [label('地址', '地址', 'Address'), ({ row }) => row.address],
  [label('描述', '描述', 'Description'), ({ row }) => row.description],
];

const cell = (value: string | number | boolean | null | undefined) =>
  value === null || value === undefined ? '' : typeof value === 'boolean' ? String(value) : value;

function csv<T>(columns: Column<T>[], items: readonly T[]): string {
  return stringify(
    items.map((item) => columns.map(([, value]) => cell(value(item)))),
    csvOptions,
  );
}

const headerRow = <T>(columns: Column<T>[], locale: Locale) =>
  byteOrderMark + stringify([columns.map(([names]) => names[locale])], csvOptions);

const attachment = (name: string) => ({
  'Content-Type': 'text/csv; charset=utf-8; header=present',
  'Content-Disposition': `attachment; filename="${name}.csv"`,
});

export const exportCases: Handler<'exportCases'> = ({ db, query, principal, now, locale }): Reply => {
  const filter = caseFilterOf(db, principal!, query, now);
  const categories = categoryNames(db);
  let grids: Map<string, string> | undefined;
  let after: [string, string] | undefined;
  let done = false;
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(headerRow(caseColumns, locale)));
    },
    // One page per pull: the next is read only when the client has taken this one.
    pull(controller) {
      if (done) return;
      const rows = listCaseRows(db, { ...filter, after, limit: pageSize });
      const page = rows.slice(0, pageSize);
      grids ??= gridNamesById(db);
      const names = grids;
      if (page.length)
        controller.enqueue(
          encoder.encode(
            csv(
              caseColumns,
              page.map((row) => ({
                row,
                now,
                category:
                  categories.get(row.category_code)?.[locale] ?? categories.get(row.category_code)?.['zh-CN'] ?? '',
                grid: names.get(row.grid_id) ?? '',
              })),
            ),
          ),
        );
      const last = page.at(-1);
      if (rows.length <= pageSize || !last) {
        done = true;
        controller.close();
      } else after = [last.created_at, last.id];
    },
  });
  return {
    status: 200,
    stream,
    headers: attachment(`cases-${query.gridId ?? 'all'}-${shanghaiDate(now).replaceAll('-', '')}`),
  };
};

type Figures = Schemas['ResolutionFigures'];
interface StatsLine {
  key: string;
  name: string;
  figures: Figures;
}

const rate = (value: number | null) => (value === null ? '' : value.toFixed(4));

/** The contract's column list (see `exportResolutionStats`). */
const statsColumns: Column<StatsLine>[] = [
  [label('键', '鍵', 'Key'), (line) => line.key],
  [label('分组', '分組', 'Group'), (line) => line.name],
  [label('收到', '收到', 'Received'), ({ figures }) => figures.received],
  [label('受理', '受理', 'Accepted'), ({ figures }) => figures.accepted],
  [label('办结', '辦結', 'Closed'), ({ figures }) => figures.closed],
  [label('按期办结', '按期辦結', 'Closed on time'), ({ figures }) => figures.closedOnTime],
  [label('不予受理', '不予受理', 'Rejected'), ({ figures }) => figures.rejected],
  [label('办结率', '辦結率', 'Resolution rate'), ({ figures }) => rate(figures.resolutionRate)],
  [label('按期办结率', '按期辦結率', 'On-time rate'), ({ figures }) => rate(figures.onTimeRate)],
  [label('满意率', '滿意率', 'Satisfaction rate'), ({ figures }) => rate(figures.satisfactionRate)],
  [label('返工率', '返工率', 'Reopen rate'), ({ figures }) => rate(figures.reopenRate)],
  [label('异议率', '異議率', 'Dispute rate'), ({ figures }) => rate(figures.disputeRate)],
  [label('回访完成率', '回訪完成率', 'Follow-up rate'), ({ figures }) => rate(figures.followUpRate)],
  [
    label('办结时长中位数（小时）', '辦結時長中位數（小時）', 'Median hours to close'),
    ({ figures }) => figures.medianHoursToClose,
  ],
  [label('网格办结', '網格辦結', 'Closed at grid'), ({ figures }) => figures.closedByLevel.grid.closed],
  [label('社区办结', '社區辦結', 'Closed at community'), ({ figures }) => figures.closedByLevel.community.closed],
  [label('街道办结', '街道辦結', 'Closed at street'), ({ figures }) => figures.closedByLevel.street.closed],
  [label('区级办结', '區級辦結', 'Closed at district'), ({ figures }) => figures.closedByLevel.district.closed],
];

const totalName = label('合计', '合計', 'Total');

export const exportResolutionStats: Handler<'exportResolutionStats'> = ({ db, query, locale }): Reply => {
  const stats = resolutionStats(db, query);
  const lines: StatsLine[] = [
    ...stats.groups.map((group) => ({
      key: group.key,
      name: group.label?.[locale] ?? group.label?.['zh-CN'] ?? group.key,
      figures: group.figures,
    })),
    { key: '', name: totalName[locale], figures: stats.totals },
  ];
  const text = headerRow(statsColumns, locale) + csv(statsColumns, lines);
  return {
    status: 200,
    bytes: new TextEncoder().encode(text),
    headers: attachment(
      `resolution-${stats.gridId}-${stats.from.replaceAll('-', '')}-${stats.to.replaceAll('-', '')}-${stats.groupBy}`,
    ),
  };
};
