import { type CatalogProduct, type CatalogVariant, sizes } from './catalog.js';
import { EVERYDAY_PRODUCTS } from './products-everyday.js';

const SWITCHES: CatalogVariant[] = [
  { key: 'red', name_zh: '红轴', name_en: 'Red switches' },
  { key: 'brown', name_zh: '茶轴', name_en: 'Brown switches' },
  { key: 'blue', name_zh: '青轴', name_en: 'Blue switches' },
];

const TECH_AND_HOME: CatalogProduct[] = [
  // electronics
  {
    slug: 'usbc_cable',
    category: 'electronics',
    name_zh: 'USB-C 数据线',
    name_en: 'USB-C Cable',
    brand: 'LinkPro 联拓',
    yuan: 29,
    spread: 2,
    stock: 'in',
    description:
      'USB-C 转 USB-C 编织数据线，1 米，支持 60W 快充和 480Mbps 传输。Braided USB-C to USB-C cable, 1 m, 60 W fast charging.',
  },
  {
    slug: 'airpods_case',
    category: 'electronics',
    name_zh: 'AirPods Pro 保护套',
    name_en: 'AirPods Pro Case',
    brand: 'ShellGuard 壳卫',
    yuan: 39,
    spread: 3,
    stock: 'none',
    description:
      '液态硅胶耳机保护套，附挂钩，防摔防刮。Liquid silicone case for AirPods Pro with a keychain hook; drop and scratch protection.',
  },
  {
    slug: 'mechanical_keyboard',
    category: 'electronics',
    name_zh: '机械键盘',
    name_en: 'Mechanical Keyboard',
    brand: 'KeyForge 键匠',
    yuan: 399,
    spread: 20,
    stock: 'in',
    description:
      '87 键有线/蓝牙双模机械键盘，热插拔轴体，白色背光。87-key wired and Bluetooth mechanical keyboard, hot-swappable switches, white backlight.',
    variants: SWITCHES,
  },
  {
    slug: 'laptop',
    category: 'electronics',
    name_zh: '14 英寸轻薄笔记本电脑',
    name_en: '14-inch Ultrabook Laptop',
    brand: 'Aerobook 翼本',
    yuan: 5299,
    spread: 200,
    description:
      '14 英寸 2.8K 屏，1.2kg 铝合金机身，续航 12 小时。14-inch 2.8K screen, 1.2 kg aluminium body, 12-hour battery.',
    variants: [
      { key: '16g', name_zh: '16GB+512GB', name_en: '16 GB + 512 GB' },
      { key: '32g', name_zh: '32GB+1TB', name_en: '32 GB + 1 TB', delta: 1000 },
    ],
  },
  {
    slug: 'power_bank',
    category: 'electronics',
    name_zh: '20000mAh 充电宝',
    name_en: '20000mAh Power Bank',
    brand: 'LinkPro 联拓',
    yuan: 129,
    description:
      '20000 毫安大容量，双向 22.5W 快充，可带上飞机。20000 mAh, 22.5 W fast charging both ways, allowed on flights.',
  },
  {
    slug: 'wireless_mouse',
    category: 'electronics',
    name_zh: '无线静音鼠标',
    name_en: 'Silent Wireless Mouse',
    brand: 'KeyForge 键匠',
    yuan: 69,
    description:
      '2.4G 无线加蓝牙，静音按键，一节 AA 电池用一年。2.4 GHz and Bluetooth, silent clicks, a year on one AA battery.',
    variants: [
      { key: 'black', name_zh: '黑色', name_en: 'Black' },
      { key: 'white', name_zh: '白色', name_en: 'White' },
    ],
  },
  {
    slug: 'bluetooth_speaker',
    category: 'electronics',
    name_zh: '便携蓝牙音箱',
    name_en: 'Portable Bluetooth Speaker',
    brand: 'SoundNest 声巢',
    yuan: 199,
    description:
      'IPX7 防水，连续播放 15 小时，可两台配对立体声。IPX7 waterproof, 15 hours of play, pair two for stereo.',
  },
  {
    slug: 'wireless_earbuds',
    category: 'electronics',
    name_zh: '降噪真无线耳机',
    name_en: 'Noise-Cancelling Wireless Earbuds',
    brand: 'SoundNest 声巢',
    yuan: 299,
    stock: 'in',
    description:
      '主动降噪 40dB，单次续航 8 小时，支持无线充电。40 dB active noise cancelling, 8 hours per charge, wireless charging.',
  },
  {
    slug: 'phone_case',
    category: 'electronics',
    name_zh: 'iPhone 16 手机壳',
    name_en: 'iPhone 16 Phone Case',
    brand: 'ShellGuard 壳卫',
    yuan: 49,
    description:
      '透明防黄变，四角气囊防摔，支持 MagSafe。Clear, anti-yellowing, air-cushion corners, MagSafe compatible.',
    variants: [
      { key: 'clear', name_zh: '透明', name_en: 'Clear' },
      { key: 'black', name_zh: '磨砂黑', name_en: 'Matte Black' },
    ],
  },
  {
    slug: 'smart_watch',
    category: 'electronics',
    name_zh: '智能手表',
    name_en: 'Smart Watch',
    brand: 'Pulse 脉动',
    yuan: 899,
    spread: 50,
    description:
      '心率、血氧、睡眠监测，100 种运动模式，续航 10 天。Heart rate, SpO2 and sleep tracking, 100 sport modes, 10-day battery.',
  },
  // home
  {
    slug: 'umbrella',
    category: 'home',
    name_zh: '折叠雨伞',
    name_en: 'Folding Umbrella',
    brand: '雨森 Yusen',
    yuan: 59,
    spread: 4,
    stock: 'in',
    description:
      '三折自动开收，晴雨两用，黑胶防晒。Three-fold automatic umbrella, for rain and sun, UV-blocking coating.',
  },
  {
    slug: 'thermos',
    category: 'home',
    name_zh: '保温杯 500ml',
    name_en: 'Insulated Bottle 500ml',
    brand: '暖居 WarmHome',
    yuan: 89,
    description: '316 不锈钢内胆，保温 12 小时。316 stainless steel, keeps drinks hot for 12 hours.',
    variants: [
      { key: 'white', name_zh: '奶白', name_en: 'Cream White' },
      { key: 'green', name_zh: '松绿', name_en: 'Pine Green' },
      { key: 'grey', name_zh: '雾灰', name_en: 'Mist Grey' },
    ],
  },
  {
    slug: 'desk_lamp',
    category: 'home',
    name_zh: 'LED 护眼台灯',
    name_en: 'LED Desk Lamp',
    brand: '暖居 WarmHome',
    yuan: 159,
    description: '无频闪，三档色温，无级调光。Flicker-free, three colour temperatures, stepless dimming.',
  },
  {
    slug: 'bedsheet_set',
    category: 'home',
    name_zh: '纯棉四件套',
    name_en: 'Cotton Bedding Set (4 pcs)',
    brand: '棉语 Cottonspeak',
    yuan: 299,
    spread: 20,
    description:
      '100% 长绒棉，含被套、床单、两个枕套。100% long-staple cotton: duvet cover, sheet and two pillowcases.',
    variants: [
      { key: '150', name_zh: '1.5 米床', name_en: '1.5 m bed' },
      { key: '180', name_zh: '1.8 米床', name_en: '1.8 m bed', delta: 40 },
    ],
  },
  {
    slug: 'humidifier',
    category: 'home',
    name_zh: '静音加湿器',
    name_en: 'Quiet Humidifier',
    brand: '暖居 WarmHome',
    yuan: 139,
    description: '4 升水箱，上加水，睡眠模式 28 分贝。4-litre tank, top filling, 28 dB sleep mode.',
  },
  {
    slug: 'storage_box',
    category: 'home',
    name_zh: '折叠收纳箱 三个装',
    name_en: 'Foldable Storage Boxes (3 pack)',
    brand: '整理家 TidyHome',
    yuan: 45,
    description: '布艺可折叠，带把手，每个 30 升。Fabric, foldable, with handles, 30 litres each.',
  },
  {
    slug: 'slippers',
    category: 'home',
    name_zh: '冬季棉拖鞋',
    name_en: 'Winter House Slippers',
    brand: '棉语 Cottonspeak',
    yuan: 39,
    stock: 'in',
    description: '加厚毛绒，防滑软底，居家保暖。Thick plush, non-slip soft sole, warm indoors.',
    variants: sizes(['38', '40', '42', '44']),
  },
  // books
  {
    slug: 'three_body',
    category: 'books',
    name_zh: '三体（全三册）',
    name_en: 'The Three-Body Problem (3 volumes)',
    brand: '重庆出版社 Chongqing Press',
    yuan: 93,
    description:
      "刘慈欣科幻代表作，中文版全三册。Liu Cixin's science fiction trilogy, Chinese edition, three volumes.",
  },
  {
    slug: 'to_live',
    category: 'books',
    name_zh: '活着',
    name_en: 'To Live',
    brand: '作家出版社 Writers Publishing',
    yuan: 28,
    stock: 'in',
    description: '余华长篇小说，平装。A novel by Yu Hua, paperback, in Chinese.',
  },
  {
    slug: 'atomic_habits',
    category: 'books',
    name_zh: '掌控习惯',
    name_en: 'Atomic Habits',
    brand: 'Penguin 企鹅',
    yuan: 79,
    description: 'James Clear 著，英文原版平装。By James Clear, English edition, paperback.',
  },
  {
    slug: 'python_book',
    category: 'books',
    name_zh: 'Python 编程：从入门到实践',
    name_en: 'Python Crash Course',
    brand: '人民邮电出版社 Posts & Telecom Press',
    yuan: 89,
    description: '第三版，中文译本，附练习代码。Third edition, Chinese translation, with exercise code.',
  },
  {
    slug: 'cookbook',
    category: 'books',
    name_zh: '家常川菜 100 道',
    name_en: '100 Home-Style Sichuan Dishes',
    brand: '中信出版社 CITIC Press',
    yuan: 49,
    description: '全彩图解，步骤详细，适合新手。Full colour, step by step, for beginners.',
  },
];

/** Every product, in the shop's default order. */
export const PRODUCTS: CatalogProduct[] = [...TECH_AND_HOME, ...EVERYDAY_PRODUCTS];
