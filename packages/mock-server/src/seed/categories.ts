/**
 * The case categories of the demo: the kinds of cases the source articles
 * name (DOMAIN.md, "Cases"), split after China's digital city management
 * standard into components (部件), events (事件), services and disputes, with
 * Open311-style extra fields. Besides what is stored, each category carries
 * what the seed needs to write believable cases: how often it is reported,
 * which departments handle it, how far it tends to climb, and Chinese text
 * templates (`{place}` is replaced by a short place such as 桥北路23号院东门).
 */
import type { Rng } from './random.js';

export interface LocalizedText {
  'zh-CN': string;
  'zh-TW'?: string;
  en?: string;
}

export interface CategoryAttributeOption {
  key: string;
  label: LocalizedText;
}

export interface CategoryAttribute {
  code: string;
  label: LocalizedText;
  description?: LocalizedText;
  datatype: 'string' | 'text' | 'number' | 'boolean' | 'date' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  order: number;
  options?: CategoryAttributeOption[];
}

/** Which kind of unit handles a category above the grid (names are built per street / district). */
export type Department =
  | 'sanitation'
  | 'city'
  | 'municipal'
  | 'lighting'
  | 'greenery'
  | 'judicial'
  | 'safety'
  | 'civil'
  | 'housing'
  | 'market'
  | 'police';

export interface CategorySeed {
  code: string;
  name: LocalizedText;
  kind: 'component' | 'event' | 'service' | 'dispute';
  description: LocalizedText;
  slaHours: number;
  requiresLocation: boolean;
  requiresPhoto: boolean;
  attributes: CategoryAttribute[];
  /** Relative frequency of reports. */
  weight: number;
  department: Department;
  /** Weights of the level at which cases end up closed: grid, community, street, district. */
  closedLevels: readonly [number, number, number, number];
  /** Report texts. */
  reports: readonly string[];
  /** What staff write when they resolve it (also the public note). */
  results: readonly string[];
  /** Why a verification fails (返工). */
  reworks: readonly string[];
  /** Answers for number/string attributes: [min, max] or sample strings. */
  numberRanges?: Record<string, readonly [number, number]>;
  strings?: Record<string, (rng: Rng) => string>;
}

const yesNo = (zh: string, tw: string, en: string): LocalizedText => ({ 'zh-CN': zh, 'zh-TW': tw, en });
const opt = (key: string, zh: string, tw: string, en: string): CategoryAttributeOption => ({
  key,
  label: { 'zh-CN': zh, 'zh-TW': tw, en },
});

const low: readonly [number, number, number, number] = [76, 18, 5, 1];
const usual: readonly [number, number, number, number] = [70, 20, 8, 2];
const high: readonly [number, number, number, number] = [48, 32, 15, 5];

export const categories: readonly CategorySeed[] = [
  // ── components (部件): physical assets ────────────────────────────────────
  {
    code: 'road.manhole',
    name: { 'zh-CN': '井盖破损缺失', 'zh-TW': '井蓋破損缺失', en: 'Damaged or missing manhole cover' },
    kind: 'component',
    description: {
      'zh-CN': '窨井盖、雨水篦子破损、缺失、松动或下沉。',
      'zh-TW': '窨井蓋、雨水篦子破損、缺失、鬆動或下沉。',
      en: 'Manhole covers or drain grates that are broken, missing, loose or sunken.',
    },
    slaHours: 24,
    requiresLocation: true,
    requiresPhoto: true,
    attributes: [
      {
        code: 'damage',
        label: { 'zh-CN': '损坏情况', 'zh-TW': '損壞情況', en: 'Damage' },
        datatype: 'singlevaluelist',
        required: true,
        order: 1,
        options: [
          opt('missing', '井盖缺失', '井蓋缺失', 'Missing'),
          opt('broken', '破损断裂', '破損斷裂', 'Broken'),
          opt('loose', '松动异响', '鬆動異響', 'Loose or rattling'),
          opt('sunken', '下沉不平', '下沉不平', 'Sunken'),
        ],
      },
      {
        code: 'on_roadway',
        label: yesNo('是否位于机动车道', '是否位於機動車道', 'On the roadway'),
        datatype: 'boolean',
        required: false,
        order: 2,
      },
    ],
    weight: 5,
    department: 'municipal',
    closedLevels: [64, 22, 12, 2],
    reports: [
      '{place}有一个井盖缺失，晚上很危险，已有行人差点踩空。',
      '{place}的雨水篦子断裂，车辆经过时响声很大。',
      '{place}井盖松动，踩上去会翘起来，老人孩子经过不安全。',
      '{place}井盖下沉，路面形成一个坑，电动车经过容易摔倒。',
    ],
    results: ['已更换新井盖并设置防坠网。', '已临时围挡，市政维护人员已更换井盖。', '井盖已复位加固，路面已找平。'],
    reworks: ['新井盖与路面仍有高差', '防坠网未安装'],
  },
  {
    code: 'light.street',
    name: { 'zh-CN': '路灯故障', 'zh-TW': '路燈故障', en: 'Street light out' },
    kind: 'component',
    description: {
      'zh-CN': '路灯、景观灯不亮、闪烁、白天常亮或灯杆损坏。',
      'zh-TW': '路燈、景觀燈不亮、閃爍、白天常亮或燈桿損壞。',
      en: 'Street or landscape lights that are off, flickering, on in daytime, or have a damaged pole.',
    },
    slaHours: 72,
    requiresLocation: true,
    requiresPhoto: false,
    attributes: [
      {
        code: 'fault',
        label: { 'zh-CN': '故障类型', 'zh-TW': '故障類型', en: 'Fault' },
        datatype: 'singlevaluelist',
        required: true,
        order: 1,
        options: [
          opt('off', '不亮', '不亮', 'Not lit'),
          opt('flickering', '闪烁', '閃爍', 'Flickering'),
          opt('on_daytime', '白天常亮', '白天常亮', 'On in daytime'),
          opt('damaged_pole', '灯杆损坏', '燈桿損壞', 'Damaged pole'),
        ],
      },
      {
        code: 'pole_number',
        label: { 'zh-CN': '灯杆编号', 'zh-TW': '燈桿編號', en: 'Pole number' },
        description: {
          'zh-CN': '灯杆上喷涂的编号，看不清可不填。',
          'zh-TW': '燈桿上噴塗的編號，看不清可不填。',
          en: 'The number painted on the pole, if legible.',
        },
        datatype: 'string',
        required: false,
        order: 2,
      },
    ],
    weight: 6,
    department: 'lighting',
    closedLevels: [62, 24, 12, 2],
    reports: [
      '{place}的路灯已经好几天不亮了，晚上出行很不方便。',
      '{place}一排路灯一直闪烁，影响休息。',
      '{place}的路灯白天也一直亮着，浪费电。',
      '{place}灯杆被车撞歪了，有倒塌危险。',
    ],
    results: ['已更换灯具，路灯恢复正常照明。', '线路故障已排除，路灯已恢复。', '灯杆已扶正加固。'],
    reworks: ['夜间复查仍有两盏灯不亮'],
    strings: { pole_number: (rng) => `WF-LD-${String(rng.int(1, 4999)).padStart(4, '0')}` },
  },
  {
    code: 'facility.public',
    name: { 'zh-CN': '公共设施损坏', 'zh-TW': '公共設施損壞', en: 'Damaged public facility' },
    kind: 'component',
    description: {
      'zh-CN': '健身器材、座椅、宣传栏、垃圾桶等公共设施损坏。',
      'zh-TW': '健身器材、座椅、宣傳欄、垃圾桶等公共設施損壞。',
      en: 'Broken fitness equipment, benches, notice boards, bins and other public facilities.',
    },
    slaHours: 120,
    requiresLocation: false,
    requiresPhoto: true,
    attributes: [
      {
        code: 'facility',
        label: { 'zh-CN': '设施类型', 'zh-TW': '設施類型', en: 'Facility' },
        datatype: 'singlevaluelist',
        required: true,
        order: 1,
        options: [
          opt('fitness', '健身器材', '健身器材', 'Fitness equipment'),
          opt('bench', '座椅', '座椅', 'Bench'),
          opt('board', '宣传栏', '宣傳欄', 'Notice board'),
          opt('bin', '垃圾桶', '垃圾桶', 'Bin'),
        ],
      },
    ],
    weight: 4,
    department: 'municipal',
    closedLevels: low,
    reports: [
      '{place}的健身器材螺丝松了，孩子玩的时候容易出危险。',
      '{place}的座椅木板断了好几块。',
      '{place}的宣传栏玻璃碎了，碎片散落在地上。',
    ],
    results: ['已维修加固，恢复使用。', '已更换损坏部件。', '已拆除损坏设施并安排更换。'],
    reworks: ['维修后仍有松动'],
  },
  {
    code: 'infra.cable',
    name: { 'zh-CN': '空中线缆杂乱', 'zh-TW': '空中線纜雜亂', en: 'Tangled overhead cables' },
    kind: 'component',
    description: {
      'zh-CN': '通信、有线电视等架空线缆杂乱、垂落或破损。',
      'zh-TW': '通信、有線電視等架空線纜雜亂、垂落或破損。',
      en: 'Overhead telecom or cable-TV lines that are tangled, sagging or damaged.',
    },
    slaHours: 168,
    requiresLocation: false,
    requiresPhoto: true,
    attributes: [],
    weight: 2,
    department: 'housing',
    closedLevels: high,
    reports: ['{place}上空的电线像蜘蛛网一样，有几根已经垂到头顶。', '{place}有通信线缆脱落，挂在树上。'],
    results: ['已联系运营商规整线缆，废弃线缆已剪除。', '垂落线缆已重新固定。'],
    reworks: ['仍有一根线缆垂落'],
  },
  {
    code: 'green.space',
    name: { 'zh-CN': '园林绿化', 'zh-TW': '園林綠化', en: 'Greenery and trees' },
    kind: 'component',
    description: {
      'zh-CN': '树木倒伏、枯死、遮挡，绿地被毁或被占用种菜。',
      'zh-TW': '樹木倒伏、枯死、遮擋，綠地被毀或被佔用種菜。',
      en: 'Fallen, dead or obstructing trees; damaged green space or green space used as vegetable plots.',
    },
    slaHours: 120,
    requiresLocation: false,
    requiresPhoto: false,
    attributes: [],
    weight: 3,
    department: 'greenery',
    closedLevels: low,
    reports: [
      '{place}的绿地被人开垦种菜了。',
      '{place}有棵树枝干枯，刮风时掉树枝，很危险。',
      '{place}的树枝挡住了楼道窗户，屋里采光很差。',
    ],
    results: ['已修剪树枝并清运。', '已恢复绿地并补种草坪。', '枯树已移除。'],
    reworks: ['修剪后枝条未清运'],
  },
  // ── events (事件): behaviour and situations ───────────────────────────────
  {
    code: 'env.garbage',
    name: { 'zh-CN': '垃圾清运', 'zh-TW': '垃圾清運', en: 'Garbage collection' },
    kind: 'event',
    description: {
      'zh-CN': '垃圾桶满溢、暴露垃圾、建筑垃圾或大件垃圾未清运。',
      'zh-TW': '垃圾桶滿溢、暴露垃圾、建築垃圾或大件垃圾未清運。',
      en: 'Overflowing bins, exposed garbage, construction or bulky waste not collected.',
    },
    slaHours: 24,
    requiresLocation: false,
    requiresPhoto: true,
    attributes: [
      {
        code: 'garbage_type',
        label: { 'zh-CN': '垃圾类型', 'zh-TW': '垃圾類型', en: 'Type of garbage' },
        datatype: 'singlevaluelist',
        required: true,
        order: 1,
        options: [
          opt('household', '生活垃圾', '生活垃圾', 'Household'),
          opt('construction', '建筑垃圾', '建築垃圾', 'Construction'),
          opt('bulky', '大件垃圾', '大件垃圾', 'Bulky items'),
          opt('green', '园林垃圾', '園林垃圾', 'Green waste'),
        ],
      },
      {
        code: 'blocking_path',
        label: yesNo('是否影响通行', '是否影響通行', 'Blocking the way'),
        datatype: 'boolean',
        required: false,
        order: 2,
      },
    ],
    weight: 16,
    department: 'sanitation',
    closedLevels: [78, 16, 5, 1],
    reports: [
      '{place}垃圾桶满溢三天无人清运，气味很大，影响居民出行。',
      '{place}堆了一堆装修垃圾，好几天了没人管。',
      '{place}有人扔了旧沙发和床垫，堵住了通道。',
      '{place}垃圾没有及时清运，招了很多苍蝇。',
    ],
    results: [
      '垃圾已全部清运，并增设一个垃圾桶。',
      '建筑垃圾已清运，已提醒装修户规范堆放。',
      '大件垃圾已清走，周边已清扫。',
    ],
    reworks: ['东门外侧仍有建筑垃圾未清运', '清运后周边仍有散落垃圾'],
  },
  {
    code: 'env.sanitation',
    name: { 'zh-CN': '环境卫生', 'zh-TW': '環境衛生', en: 'Street cleanliness' },
    kind: 'event',
    description: {
      'zh-CN': '道路、楼道、公共区域脏乱，积水、污水外溢。',
      'zh-TW': '道路、樓道、公共區域髒亂，積水、污水外溢。',
      en: 'Dirty roads, stairwells or public areas; standing water, sewage overflow.',
    },
    slaHours: 48,
    requiresLocation: false,
    requiresPhoto: false,
    attributes: [],
    weight: 10,
    department: 'sanitation',
    closedLevels: low,
    reports: [
      '{place}下水道堵了，污水冒到路面上。',
      '{place}楼道里堆满杂物，卫生很差。',
      '{place}路面有大片积水，行人绕不过去。',
      '{place}有人长期在绿化带里倒剩饭剩菜。',
    ],
    results: ['下水道已疏通，路面已冲洗。', '楼道杂物已清理，已张贴提示。', '积水已排除。'],
    reworks: ['疏通后仍有返水'],
  },
  {
    code: 'city.vending',
    name: { 'zh-CN': '占道经营', 'zh-TW': '佔道經營', en: 'Street vending / road occupation' },
    kind: 'event',
    description: {
      'zh-CN': '流动摊贩、店外经营占用人行道或车行道。',
      'zh-TW': '流動攤販、店外經營佔用人行道或車行道。',
      en: 'Street vendors or shops trading on the pavement or roadway.',
    },
    slaHours: 48,
    requiresLocation: true,
    requiresPhoto: true,
    attributes: [],
    weight: 9,
    department: 'city',
    closedLevels: [66, 22, 11, 1],
    reports: [
      '{place}早上摊贩占满人行道，行人只能走机动车道。',
      '{place}的饭店把桌子摆到了人行道上，晚上很吵。',
      '{place}水果摊占道经营，堵住了小区出入口。',
    ],
    results: ['已劝导摊贩进入便民市场经营。', '已责令店主将桌椅收回店内。', '占道物品已清理，已加强巡查。'],
    reworks: ['第二天复查摊贩又回来了'],
  },
  {
    code: 'city.illegal_construction',
    name: { 'zh-CN': '违法建设', 'zh-TW': '違法建設', en: 'Illegal construction' },
    kind: 'event',
    description: {
      'zh-CN': '私搭乱建、违章搭建棚屋、楼顶加盖、圈占公共用地。',
      'zh-TW': '私搭亂建、違章搭建棚屋、樓頂加蓋、圈佔公共用地。',
      en: 'Unauthorised sheds, extensions, rooftop additions or fenced-off public land.',
    },
    slaHours: 168,
    requiresLocation: true,
    requiresPhoto: true,
    attributes: [
      {
        code: 'structure',
        label: { 'zh-CN': '搭建类型', 'zh-TW': '搭建類型', en: 'Kind of structure' },
        datatype: 'singlevaluelist',
        required: true,
        order: 1,
        options: [
          opt('shed', '棚屋', '棚屋', 'Shed'),
          opt('extension', '扩建', '擴建', 'Extension'),
          opt('rooftop', '楼顶加盖', '樓頂加蓋', 'Rooftop addition'),
          opt('fence', '圈占围挡', '圈佔圍擋', 'Fenced-off land'),
        ],
      },
      {
        code: 'under_construction',
        label: yesNo('是否正在施工', '是否正在施工', 'Still being built'),
        datatype: 'boolean',
        required: false,
        order: 2,
      },
    ],
    weight: 3,
    department: 'city',
    closedLevels: high,
    reports: [
      '{place}一楼住户私自扩建小院，占了公共通道。',
      '{place}楼顶有人在加盖彩钢房。',
      '{place}有人用铁皮圈占了公共绿地。',
    ],
    results: ['已下达限期拆除通知，违建已自行拆除。', '已联合城管执法中队依法拆除。', '已制止施工并恢复原状。'],
    reworks: ['违建只拆除了一部分'],
  },
  {
    code: 'city.flyers',
    name: { 'zh-CN': '小广告', 'zh-TW': '小廣告', en: 'Illegal flyers and graffiti' },
    kind: 'event',
    description: {
      'zh-CN': '乱贴乱画、喷涂小广告。',
      'zh-TW': '亂貼亂畫、噴塗小廣告。',
      en: 'Illegal posters, stickers and sprayed adverts.',
    },
    slaHours: 72,
    requiresLocation: false,
    requiresPhoto: false,
    attributes: [],
    weight: 5,
    department: 'sanitation',
    closedLevels: [82, 15, 3, 0],
    reports: ['{place}楼道墙上贴满了开锁、疏通的小广告。', '{place}电线杆上喷了很多办证电话。'],
    results: ['小广告已清除，墙面已粉刷。', '已清理并对电话号码进行停机处理申请。'],
    reworks: ['仍有部分喷涂未清除干净'],
  },
  {
    code: 'city.signboard',
    name: { 'zh-CN': '门头牌匾', 'zh-TW': '門頭牌匾', en: 'Shop signs' },
    kind: 'event',
    description: {
      'zh-CN': '门头牌匾破损、松动、不规范设置。',
      'zh-TW': '門頭牌匾破損、鬆動、不規範設置。',
      en: 'Shop signs that are broken, loose or put up without permission.',
    },
    slaHours: 120,
    requiresLocation: false,
    requiresPhoto: true,
    attributes: [],
    weight: 2,
    department: 'city',
    closedLevels: usual,
    reports: ['{place}一家店的招牌松动，刮风时晃得厉害。', '{place}的广告牌字掉了一半，很不美观。'],
    results: ['已督促店主加固招牌。', '破损牌匾已拆除，新牌匾按规范设置。'],
    reworks: ['招牌固定件仍有松动'],
  },
  {
    code: 'city.workshop',
    name: { 'zh-CN': '地下作坊', 'zh-TW': '地下作坊', en: 'Underground workshop' },
    kind: 'event',
    description: {
      'zh-CN': '无证生产加工、小作坊扰民或存在隐患。',
      'zh-TW': '無證生產加工、小作坊擾民或存在隱患。',
      en: 'Unlicensed workshops that disturb residents or pose risks.',
    },
    slaHours: 72,
    requiresLocation: false,
    requiresPhoto: false,
    attributes: [],
    weight: 1,
    department: 'market',
    closedLevels: high,
    reports: ['{place}有一家小作坊夜里加工到很晚，噪音很大。', '{place}地下室好像有人在做食品加工，气味很重。'],
    results: ['已联合市场监管所检查，作坊已停业整改。', '已责令作坊搬离居民区。'],
    reworks: ['复查发现仍在夜间生产'],
  },
  {
    code: 'safety.hazard',
    name: { 'zh-CN': '安全隐患', 'zh-TW': '安全隱患', en: 'Safety hazard' },
    kind: 'event',
    description: {
      'zh-CN': '消防通道堵塞、电动车楼道充电、燃气泄漏、建筑物隐患等。',
      'zh-TW': '消防通道堵塞、電動車樓道充電、燃氣洩漏、建築物隱患等。',
      en: 'Blocked fire lanes, e-bikes charged indoors, gas leaks, unsafe buildings and similar hazards.',
    },
    slaHours: 24,
    requiresLocation: false,
    requiresPhoto: false,
    attributes: [
      {
        code: 'hazard',
        label: { 'zh-CN': '隐患类型', 'zh-TW': '隱患類型', en: 'Hazard' },
        datatype: 'singlevaluelist',
        required: true,
        order: 1,
        options: [
          opt('fire_lane', '消防通道堵塞', '消防通道堵塞', 'Blocked fire lane'),
          opt('ebike_charging', '电动车违规充电', '電動車違規充電', 'E-bike charging indoors'),
          opt('gas', '燃气隐患', '燃氣隱患', 'Gas'),
          opt('electric', '私拉乱接电线', '私拉亂接電線', 'Unsafe wiring'),
          opt('structure', '建筑物隐患', '建築物隱患', 'Unsafe structure'),
        ],
      },
    ],
    weight: 6,
    department: 'safety',
    closedLevels: usual,
    reports: [
      '{place}的消防通道被私家车堵死了。',
      '{place}有住户从楼上拉电线给电动车充电。',
      '{place}楼道里闻到燃气味。',
      '{place}外墙瓷砖松动，有掉落危险。',
    ],
    results: ['已联系车主挪车，并设置禁停标识。', '私拉电线已拆除，已宣传集中充电。', '燃气公司已上门检修。'],
    reworks: ['夜间复查仍有飞线充电'],
  },
  // ── services ───────────────────────────────────────────────────────────────
  {
    code: 'service.hardship',
    name: { 'zh-CN': '困难群众帮扶', 'zh-TW': '困難群眾幫扶', en: 'Help for people in hardship' },
    kind: 'service',
    description: {
      'zh-CN': '低保、临时救助、医疗、住房等方面的困难求助。',
      'zh-TW': '低保、臨時救助、醫療、住房等方面的困難求助。',
      en: 'Requests for help with subsistence allowance, emergency aid, medical care or housing.',
    },
    slaHours: 72,
    requiresLocation: false,
    requiresPhoto: false,
    attributes: [
      {
        code: 'needs',
        label: { 'zh-CN': '需要的帮助', 'zh-TW': '需要的幫助', en: 'Help needed' },
        datatype: 'multivaluelist',
        required: true,
        order: 1,
        options: [
          opt('living', '生活救助', '生活救助', 'Living costs'),
          opt('medical', '医疗救助', '醫療救助', 'Medical'),
          opt('housing', '住房', '住房', 'Housing'),
          opt('employment', '就业', '就業', 'Employment'),
          opt('education', '子女就学', '子女就學', 'Schooling'),
        ],
      },
    ],
    weight: 4,
    department: 'civil',
    closedLevels: [60, 30, 8, 2],
    reports: [
      '我家老人长期卧床，家里只有一个人上班，想申请救助。',
      '家里孩子上学有困难，想了解有没有助学政策。',
      '失业半年了，想找一份社区附近的工作。',
      '住在{place}，房子漏雨很厉害，自己没能力修。',
    ],
    results: ['已协助申请临时救助，款项已发放。', '已对接社区公益岗位。', '已协助提交低保申请材料。'],
    reworks: ['材料尚缺收入证明'],
  },
  {
    code: 'service.registration',
    name: { 'zh-CN': '流动人口登记', 'zh-TW': '流動人口登記', en: 'Newcomer registration' },
    kind: 'service',
    description: {
      'zh-CN': '流动人口居住登记、居住证办理咨询。',
      'zh-TW': '流動人口居住登記、居住證辦理諮詢。',
      en: 'Registering newcomers and help with residence permits.',
    },
    slaHours: 48,
    requiresLocation: false,
    requiresPhoto: false,
    attributes: [
      {
        code: 'persons',
        label: { 'zh-CN': '登记人数', 'zh-TW': '登記人數', en: 'Number of people' },
        datatype: 'number',
        required: true,
        order: 1,
      },
    ],
    weight: 3,
    department: 'police',
    closedLevels: [85, 13, 2, 0],
    reports: ['刚租住在{place}，想办理居住登记。', '我家租客需要办理居住证，请问需要什么材料？'],
    results: ['已上门完成居住登记。', '已告知所需材料并预约办理。'],
    reworks: ['登记信息有误需重新核对'],
    numberRanges: { persons: [1, 5] },
  },
  {
    code: 'service.elderly',
    name: { 'zh-CN': '助老服务', 'zh-TW': '助老服務', en: 'Help for elderly residents' },
    kind: 'service',
    description: {
      'zh-CN': '空巢、独居老人的生活照料、代办、上门服务需求。',
      'zh-TW': '空巢、獨居老人的生活照料、代辦、上門服務需求。',
      en: 'Care, errands and home visits for elderly people living alone.',
    },
    slaHours: 48,
    requiresLocation: false,
    requiresPhoto: false,
    attributes: [],
    weight: 4,
    department: 'civil',
    closedLevels: [82, 15, 3, 0],
    reports: [
      '独居老人家里水管坏了，自己不会修，请网格员帮忙。',
      '老人行动不便，需要有人帮忙办理高龄津贴认证。',
      '住在{place}的老人好几天没出门了，邻居有点担心。',
    ],
    results: ['已上门探望并协助维修。', '已上门代办高龄津贴认证。', '已联系家属并安排志愿者定期探望。'],
    reworks: ['老人反映问题仍未解决'],
  },
  // ── disputes (矛盾纠纷) ─────────────────────────────────────────────────────
  {
    code: 'dispute.neighbour',
    name: { 'zh-CN': '邻里纠纷', 'zh-TW': '鄰里糾紛', en: 'Neighbour dispute' },
    kind: 'dispute',
    description: {
      'zh-CN': '噪音、漏水、占用公共空间等邻里矛盾。',
      'zh-TW': '噪音、漏水、佔用公共空間等鄰里矛盾。',
      en: 'Noise, leaks, use of shared space and other quarrels between neighbours.',
    },
    slaHours: 168,
    requiresLocation: false,
    requiresPhoto: false,
    attributes: [
      {
        code: 'households_involved',
        label: { 'zh-CN': '涉及户数', 'zh-TW': '涉及戶數', en: 'Households involved' },
        datatype: 'number',
        required: true,
        order: 1,
      },
      {
        code: 'mediated_before',
        label: yesNo('之前是否调解过', '之前是否調解過', 'Mediated before'),
        datatype: 'boolean',
        required: false,
        order: 2,
      },
    ],
    weight: 6,
    department: 'judicial',
    closedLevels: [72, 21, 6, 1],
    reports: [
      '楼上住户每天晚上很晚还在敲敲打打，沟通过几次没有用。',
      '楼上卫生间漏水，我家天花板都泡坏了，楼上不愿意修。',
      '{place}邻居在楼道里堆放杂物，说了不听还吵架。',
      '邻居家的狗经常半夜叫，影响休息。',
    ],
    results: ['经网格员调解，双方达成协议。', '已组织双方协商，楼上同意维修防水。', '调解成功，双方签订调解协议书。'],
    reworks: ['回访时一方反悔'],
    numberRanges: { households_involved: [2, 6] },
  },
  {
    code: 'dispute.parking',
    name: { 'zh-CN': '停车纠纷', 'zh-TW': '停車糾紛', en: 'Parking dispute' },
    kind: 'dispute',
    description: {
      'zh-CN': '占用车位、地锁、乱停车引发的矛盾。',
      'zh-TW': '佔用車位、地鎖、亂停車引發的矛盾。',
      en: 'Quarrels over parking spaces, private parking locks and careless parking.',
    },
    slaHours: 120,
    requiresLocation: false,
    requiresPhoto: false,
    attributes: [
      {
        code: 'households_involved',
        label: { 'zh-CN': '涉及户数', 'zh-TW': '涉及戶數', en: 'Households involved' },
        datatype: 'number',
        required: false,
        order: 1,
      },
    ],
    weight: 5,
    department: 'judicial',
    closedLevels: [70, 23, 6, 1],
    reports: ['{place}有人私装地锁占用公共车位。', '{place}车辆乱停，早上车开不出去，双方吵起来了。'],
    results: ['地锁已拆除，已划定公共车位。', '经调解双方同意错时停车。'],
    reworks: ['地锁拆除后又被装上'],
    numberRanges: { households_involved: [2, 10] },
  },
  {
    code: 'dispute.property',
    name: { 'zh-CN': '物业纠纷', 'zh-TW': '物業糾紛', en: 'Property management dispute' },
    kind: 'dispute',
    description: {
      'zh-CN': '物业服务、物业费、公共维修资金等矛盾。',
      'zh-TW': '物業服務、物業費、公共維修資金等矛盾。',
      en: 'Disputes about property management services, fees and maintenance funds.',
    },
    slaHours: 168,
    requiresLocation: false,
    requiresPhoto: false,
    attributes: [
      {
        code: 'households_involved',
        label: { 'zh-CN': '涉及户数', 'zh-TW': '涉及戶數', en: 'Households involved' },
        datatype: 'number',
        required: true,
        order: 1,
      },
    ],
    weight: 3,
    department: 'housing',
    closedLevels: high,
    reports: ['小区电梯坏了一个月，物业说没有维修资金。', '物业费涨价没有开业主大会，很多业主不同意。'],
    results: ['已召集物业和业委会协商，电梯已修复。', '已组织业主代表与物业协商，暂缓调价。'],
    reworks: ['业主对协商结果仍有异议'],
    numberRanges: { households_involved: [10, 120] },
  },
  {
    code: 'dispute.land',
    name: { 'zh-CN': '征地拆迁', 'zh-TW': '徵地拆遷', en: 'Land and demolition' },
    kind: 'dispute',
    description: {
      'zh-CN': '征地、拆迁、补偿安置方面的诉求和矛盾。',
      'zh-TW': '徵地、拆遷、補償安置方面的訴求和矛盾。',
      en: 'Requests and disputes about land requisition, demolition and resettlement.',
    },
    slaHours: 168,
    requiresLocation: false,
    requiresPhoto: false,
    attributes: [
      {
        code: 'households_involved',
        label: { 'zh-CN': '涉及户数', 'zh-TW': '涉及戶數', en: 'Households involved' },
        datatype: 'number',
        required: true,
        order: 1,
      },
    ],
    weight: 1,
    department: 'housing',
    closedLevels: [28, 40, 24, 8],
    reports: ['拆迁安置房迟迟不能交付，想了解进度。', '对拆迁补偿面积认定有异议。'],
    results: ['已协调区住建局答复交付时间。', '已组织重新测量并答复。'],
    reworks: ['群众对答复不满意'],
    numberRanges: { households_involved: [1, 40] },
  },
];

/** An answer for each attribute: always the required ones, most optional ones. */
export function answerAttributes(
  category: CategorySeed,
  rng: Rng,
): Record<string, string | number | boolean | string[]> {
  const answers: Record<string, string | number | boolean | string[]> = {};
  for (const attribute of category.attributes) {
    if (!attribute.required && !rng.chance(0.6)) continue;
    switch (attribute.datatype) {
      case 'singlevaluelist':
        answers[attribute.code] = rng.pick(attribute.options!).key;
        break;
      case 'multivaluelist': {
        const keys = attribute.options!.map((o) => o.key);
        const first = rng.pick(keys);
        const second = rng.pick(keys);
        answers[attribute.code] = first === second || !rng.chance(0.4) ? [first] : [first, second];
        break;
      }
      case 'boolean':
        answers[attribute.code] = rng.chance(0.5);
        break;
      case 'number': {
        const [min, max] = category.numberRanges?.[attribute.code] ?? [1, 10];
        answers[attribute.code] = rng.int(min, max);
        break;
      }
      default: {
        const make = category.strings?.[attribute.code];
        if (make) answers[attribute.code] = make(rng);
      }
    }
  }
  return answers;
}

/** The stored form (the `categories` row's `name`, `description`, `attributes` columns). */
export function categoryRow(category: CategorySeed, sortOrder: number): Record<string, unknown> {
  return {
    code: category.code,
    name: JSON.stringify(category.name),
    kind: category.kind,
    description: JSON.stringify(category.description),
    sla_hours: category.slaHours,
    requires_location: category.requiresLocation ? 1 : 0,
    requires_photo: category.requiresPhoto ? 1 : 0,
    attributes: JSON.stringify(category.attributes),
    sort_order: sortOrder,
  };
}
