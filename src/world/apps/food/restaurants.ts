import type { DistrictKey } from '../maps/index.js';

/** The kinds of food the app lists, with their names. */
export const CUISINES = {
  sichuan: ['川菜', 'Sichuan'],
  hunan: ['湘菜', 'Hunan'],
  cantonese: ['粤菜', 'Cantonese'],
  shanghainese: ['本帮菜', 'Shanghainese'],
  northeastern: ['东北菜', 'Northeastern'],
  xinjiang: ['新疆菜', 'Xinjiang'],
  yunnan: ['云南菜', 'Yunnan'],
  noodles: ['面馆', 'Noodles'],
  dumplings: ['小笼汤包', 'Dumplings & buns'],
  hotpot: ['火锅', 'Hotpot'],
  bbq: ['烧烤', 'Barbecue'],
  breakfast: ['早餐', 'Breakfast'],
  congee: ['粥铺', 'Congee'],
  malatang: ['麻辣烫', 'Malatang'],
  fast_food: ['快餐', 'Fast food'],
  western: ['西餐', 'Western'],
  italian: ['意大利菜', 'Italian'],
  mexican: ['墨西哥菜', 'Mexican'],
  japanese: ['日料', 'Japanese'],
  korean: ['韩餐', 'Korean'],
  thai: ['泰国菜', 'Thai'],
  indian: ['印度菜', 'Indian'],
  vegetarian: ['素食', 'Vegetarian'],
  salad: ['轻食沙拉', 'Salads & bowls'],
  bubble_tea: ['奶茶', 'Bubble tea'],
  coffee: ['咖啡', 'Coffee'],
  bakery: ['烘焙甜点', 'Bakery & desserts'],
  bar: ['酒馆', 'Bar'],
} as const;

/** A cuisine key of {@link CUISINES}. */
export type Cuisine = keyof typeof CUISINES;

/**
 * One restaurant of the catalogue. Names, place and menu are fixed; fees, prep time, rating and
 * (unless `fixedHours`) opening hours vary a little by seed.
 */
export interface CatalogRestaurant {
  /** `r_<slug>` is the restaurant, `pl_r_<slug>` its place, `m_r_<slug>` its wallet, `d_<slug>_*` its dishes. */
  slug: string;
  name_zh: string;
  name_en: string;
  cuisine: Cuisine;
  place: 'restaurant' | 'cafe' | 'bar';
  district: DistrictKey;
  street_zh: string;
  street_en: string;
  lat: number;
  lng: number;
  /** Local opening hours, "HH:MM"; a close before the open means past midnight. */
  hours: [string, string];
  fixedHours?: boolean;
  /** A weekday (0 = Sunday) the restaurant is closed all day. */
  restDay?: number;
  /** Base delivery fee range in yuan (within 5 km). */
  fee: [number, number];
  /** Packaging fee per order, in yuan. */
  packaging: number;
  minOrder: number;
  /** Minutes the kitchen needs, as a range. */
  prep: [number, number];
  /** Rating range in tenths (45 = 4.5 stars). */
  rating?: [number, number];
  notice: string;
}

/** The restaurants, in a fixed order. */
// biome-ignore format: a few lines a restaurant reads as a table
export const RESTAURANTS: CatalogRestaurant[] = [
  { slug: 'chuanwei', name_zh: '川味小馆', name_en: 'Chuanwei Kitchen', cuisine: 'sichuan', place: 'restaurant',
    district: 'pudong', street_zh: '东方路138号', street_en: '138 Dongfang Road', lat: 31.233, lng: 121.515,
    hours: ['10:00', '22:00'], fixedHours: true, fee: [3, 5], packaging: 1, minOrder: 20, prep: [12, 18],
    rating: [45, 48],
    notice: '正宗川味，现点现做。午高峰（11:30-13:00）出餐稍慢，敬请谅解。 / Authentic Sichuan, cooked to order; lunch rush may be slower.' },
  { slug: 'morning', name_zh: '晨光咖啡', name_en: 'Morning Light Coffee', cuisine: 'coffee', place: 'cafe',
    district: 'jingan', street_zh: '愚园路68号', street_en: '68 Yuyuan Road', lat: 31.2245, lng: 121.4463,
    hours: ['07:30', '20:00'], fixedHours: true, fee: [3, 5], packaging: 1, minOrder: 20, prep: [5, 8],
    rating: [46, 49],
    notice: '每日现烘咖啡豆，燕麦奶可替换。 / Beans roasted daily; oat milk available.' },
  { slug: 'moonlight', name_zh: '月光酒馆', name_en: 'Moonlight Tavern', cuisine: 'bar', place: 'bar',
    district: 'xuhui', street_zh: '永康路88号', street_en: '88 Yongkang Road', lat: 31.2105, lng: 121.456,
    hours: ['17:00', '02:00'], fixedHours: true, fee: [6, 8], packaging: 2, minOrder: 50, prep: [15, 20],
    notice: '仅晚间营业（17:00-次日02:00），酒精饮品仅售18岁以上。 / Evenings only; alcohol for adults only.' },
  { slug: 'jiangnan', name_zh: '江南小院', name_en: 'Jiangnan Courtyard', cuisine: 'shanghainese',
    place: 'restaurant', district: 'huangpu', street_zh: '复兴中路123号', street_en: '123 Middle Fuxing Road',
    lat: 31.2185, lng: 121.472, hours: ['11:00', '21:30'], fixedHours: true, restDay: 1, fee: [5, 7],
    packaging: 2, minOrder: 40, prep: [18, 25],
    notice: '每周一店休。老上海本帮味道，浓油赤酱。 / Closed on Mondays. Classic Shanghai home cooking.' },
  { slug: 'yuexiang', name_zh: '粤香茶餐厅', name_en: 'Yuexiang Cha Chaan Teng', cuisine: 'cantonese',
    place: 'restaurant', district: 'jingan', street_zh: '江宁路288号', street_en: '288 Jiangning Road', lat: 31.233,
    lng: 121.45, hours: ['08:00', '22:00'], fee: [4, 6], packaging: 1, minOrder: 25, prep: [10, 15],
    notice: '港式茶餐厅，早餐时段供应菠萝油和奶茶。 / Hong Kong style diner; breakfast served from 8.' },
  { slug: 'xiangli', name_zh: '湘里人家', name_en: 'Xiangli Hunan Home', cuisine: 'hunan', place: 'restaurant',
    district: 'jingan', street_zh: '西康路500号', street_en: '500 Xikang Road', lat: 31.234, lng: 121.447,
    hours: ['10:30', '21:30'], fee: [3, 5], packaging: 1, minOrder: 25, prep: [12, 18],
    notice: '湘菜偏辣，可备注少辣。 / Hunan food is hot; ask for less spice in the note.' },
  { slug: 'dongbei', name_zh: '老东北饺子馆', name_en: 'Old Northeast Dumplings', cuisine: 'northeastern',
    place: 'restaurant', district: 'yangpu', street_zh: '国定路335号', street_en: '335 Guoding Road', lat: 31.2985,
    lng: 121.511, hours: ['10:00', '22:00'], fee: [3, 5], packaging: 1, minOrder: 20, prep: [12, 20],
    notice: '手工现包饺子，分量足。 / Hand-made dumplings, generous portions.' },
  { slug: 'lanzhou', name_zh: '兰州牛肉面', name_en: 'Lanzhou Beef Noodles', cuisine: 'noodles', place: 'restaurant',
    district: 'huangpu', street_zh: '西藏中路300号', street_en: '300 Middle Xizang Road', lat: 31.234, lng: 121.4762,
    hours: ['07:00', '22:00'], fee: [2, 4], packaging: 1, minOrder: 15, prep: [6, 10],
    notice: '一清二白三红四绿五黄，牛肉面现拉。 / Hand-pulled beef noodles.' },
  { slug: 'silkroad', name_zh: '丝路新疆餐厅', name_en: 'Silk Road Xinjiang', cuisine: 'xinjiang',
    place: 'restaurant', district: 'changning', street_zh: '愚园路1100号', street_en: '1100 Yuyuan Road',
    lat: 31.2205, lng: 121.427, hours: ['11:00', '22:00'], fee: [4, 6], packaging: 2, minOrder: 30,
    prep: [15, 22],
    notice: '清真餐厅。 / Halal restaurant.' },
  { slug: 'shuxiang', name_zh: '蜀香火锅', name_en: 'Shu Xiang Hotpot', cuisine: 'hotpot', place: 'restaurant',
    district: 'pudong', street_zh: '张杨路500号', street_en: '500 Zhangyang Road', lat: 31.23, lng: 121.52,
    hours: ['11:00', '23:30'], fee: [6, 8], packaging: 3, minOrder: 60, prep: [20, 30],
    notice: '外卖火锅附赠电磁炉借用，请于次日归还。 / Hotpot delivery comes with a loaner induction cooker.' },
  { slug: 'bbq', name_zh: '深夜烧烤', name_en: 'Midnight BBQ', cuisine: 'bbq', place: 'restaurant',
    district: 'xuhui', street_zh: '宜山路455号', street_en: '455 Yishan Road', lat: 31.183, lng: 121.425,
    hours: ['17:30', '03:00'], fee: [5, 7], packaging: 2, minOrder: 40, prep: [15, 25],
    notice: '傍晚开炉，营业到凌晨。 / Grill opens in the evening and runs past midnight.' },
  { slug: 'napoli', name_zh: '那不勒斯披萨', name_en: 'Napoli Pizzeria', cuisine: 'italian', place: 'restaurant',
    district: 'jingan', street_zh: '巨鹿路758号', street_en: '758 Julu Road', lat: 31.218, lng: 121.453,
    hours: ['11:00', '22:00'], fee: [5, 8], packaging: 2, minOrder: 50, prep: [15, 20],
    notice: '石窑现烤披萨。 / Stone-oven pizza.' },
  { slug: 'westend', name_zh: '西区牛排馆', name_en: 'West End Steakhouse', cuisine: 'western', place: 'restaurant',
    district: 'changning', street_zh: '黄金城道600号', street_en: '600 Golden City Road', lat: 31.1985, lng: 121.401,
    hours: ['11:30', '22:00'], fee: [6, 9], packaging: 3, minOrder: 80, prep: [20, 28],
    notice: '澳洲谷饲牛肉。 / Australian grain-fed beef.' },
  { slug: 'burger', name_zh: '汉堡工坊', name_en: 'Burger Works', cuisine: 'fast_food', place: 'restaurant',
    district: 'pudong', street_zh: '陆家嘴西路168号', street_en: '168 West Lujiazui Road', lat: 31.2375, lng: 121.499,
    hours: ['10:00', '23:00'], fee: [3, 6], packaging: 1, minOrder: 20, prep: [8, 12],
    notice: '牛肉饼每日现打。 / Patties pressed fresh daily.' },
  { slug: 'crispy', name_zh: '炸鸡兄弟', name_en: 'Crispy Bros Fried Chicken', cuisine: 'fast_food',
    place: 'restaurant', district: 'yangpu', street_zh: '政通路189号', street_en: '189 Zhengtong Road', lat: 31.301,
    lng: 121.517, hours: ['11:00', '23:00'], fee: [3, 5], packaging: 1, minOrder: 20, prep: [10, 15],
    notice: '韩式炸鸡，两种酱料可选。 / Korean-style fried chicken.' },
  { slug: 'sushi', name_zh: '鮨一日料', name_en: 'Sushi Ichi', cuisine: 'japanese', place: 'restaurant',
    district: 'changning', street_zh: '仙霞路99号', street_en: '99 Xianxia Road', lat: 31.2065, lng: 121.404,
    hours: ['11:30', '21:30'], fee: [6, 8], packaging: 2, minOrder: 60, prep: [15, 20], rating: [44, 48],
    notice: '刺身每日空运，生食请尽快食用。 / Sashimi flown in daily; eat raw fish promptly.' },
  { slug: 'hakata', name_zh: '博多拉面屋', name_en: 'Hakata Ramen House', cuisine: 'japanese', place: 'restaurant',
    district: 'huangpu', street_zh: '淮海中路300号', street_en: '300 Middle Huaihai Road', lat: 31.222, lng: 121.476,
    hours: ['11:00', '22:00'], fee: [4, 6], packaging: 2, minOrder: 30, prep: [10, 15],
    notice: '汤面分装，到手后请将面放入汤中。 / Noodles and broth packed apart.' },
  { slug: 'seoul', name_zh: '首尔家韩餐', name_en: 'Seoul Home Kitchen', cuisine: 'korean', place: 'restaurant',
    district: 'minhang', street_zh: '虹泉路1000号', street_en: '1000 Hongquan Road', lat: 31.1795, lng: 121.388,
    hours: ['10:30', '22:00'], fee: [5, 7], packaging: 2, minOrder: 35, prep: [15, 20],
    notice: '泡菜自家腌制。 / House-made kimchi.' },
  { slug: 'siam', name_zh: '暹罗泰厨', name_en: 'Siam Thai Kitchen', cuisine: 'thai', place: 'restaurant',
    district: 'xuhui', street_zh: '衡山路8号', street_en: '8 Hengshan Road', lat: 31.2035, lng: 121.443,
    hours: ['11:00', '22:00'], fee: [4, 6], packaging: 2, minOrder: 40, prep: [15, 20],
    notice: '部分菜品含花生和鱼露，过敏请备注。 / Some dishes contain peanuts and fish sauce.' },
  { slug: 'suxin', name_zh: '素心斋', name_en: 'Suxin Vegetarian', cuisine: 'vegetarian', place: 'restaurant',
    district: 'jingan', street_zh: '常德路500号', street_en: '500 Changde Road', lat: 31.227, lng: 121.445,
    hours: ['10:30', '21:00'], fee: [4, 6], packaging: 1, minOrder: 30, prep: [12, 18],
    notice: '全素餐厅，不含葱蒜（五辛）。 / Fully vegetarian, no onion or garlic.' },
  { slug: 'greenbowl', name_zh: '绿碗轻食', name_en: 'Green Bowl', cuisine: 'salad', place: 'restaurant',
    district: 'pudong', street_zh: '花园石桥路66号', street_en: '66 Huayuanshiqiao Road', lat: 31.239, lng: 121.503,
    hours: ['08:30', '20:30'], fee: [3, 5], packaging: 1, minOrder: 25, prep: [8, 12],
    notice: '低卡轻食，标注热量。 / Light bowls with calories listed.' },
  { slug: 'teamoment', name_zh: '茶语时光', name_en: 'Tea Moments', cuisine: 'bubble_tea', place: 'cafe',
    district: 'jingan', street_zh: '南京西路1038号', street_en: '1038 West Nanjing Road', lat: 31.23, lng: 121.459,
    hours: ['10:00', '22:00'], fee: [3, 5], packaging: 1, minOrder: 15, prep: [5, 10],
    notice: '鲜果现切，甜度冰量可选。 / Fresh-cut fruit; choose sugar and ice.' },
  { slug: 'sweetdot', name_zh: '一点甜', name_en: 'Little Sweet Tea', cuisine: 'bubble_tea', place: 'cafe',
    district: 'pudong', street_zh: '浦东南路888号', street_en: '888 South Pudong Road', lat: 31.229, lng: 121.513,
    hours: ['10:00', '22:30'], fee: [2, 4], packaging: 1, minOrder: 15, prep: [5, 10],
    notice: '第二杯半价（到店）。 / Second cup half price in store.' },
  { slug: 'wheat', name_zh: '麦香烘焙', name_en: 'Wheat Aroma Bakery', cuisine: 'bakery', place: 'cafe',
    district: 'xuhui', street_zh: '复兴西路30号', street_en: '30 West Fuxing Road', lat: 31.21, lng: 121.442,
    hours: ['07:00', '21:00'], fee: [3, 5], packaging: 1, minOrder: 20, prep: [5, 10],
    notice: '面包每日现烤，蛋糕需冷藏。 / Baked daily; keep cakes chilled.' },
  { slug: 'nongtang', name_zh: '老弄堂早餐', name_en: 'Old Lane Breakfast', cuisine: 'breakfast',
    place: 'restaurant', district: 'huangpu', street_zh: '顺昌路200号', street_en: '200 Shunchang Road',
    lat: 31.214, lng: 121.478, hours: ['06:00', '13:00'], fee: [2, 4], packaging: 1, minOrder: 12,
    prep: [5, 10],
    notice: '上海四大金刚，卖完即止，下午休息。 / Shanghai breakfast classics until sold out; closed afternoons.' },
  { slug: 'jintang', name_zh: '金汤小笼', name_en: 'Golden Soup Dumplings', cuisine: 'dumplings',
    place: 'restaurant', district: 'huangpu', street_zh: '云南南路50号', street_en: '50 South Yunnan Road',
    lat: 31.229, lng: 121.481, hours: ['07:00', '20:00'], fee: [3, 5], packaging: 1, minOrder: 20,
    prep: [10, 15],
    notice: '小笼现蒸，烫口请小心。 / Steamed to order; the soup is hot.' },
  { slug: 'caiyun', name_zh: '彩云之南', name_en: 'Caiyun Yunnan Kitchen', cuisine: 'yunnan', place: 'restaurant',
    district: 'jingan', street_zh: '泰兴路200号', street_en: '200 Taixing Road', lat: 31.232, lng: 121.461,
    hours: ['11:00', '21:30'], fee: [4, 6], packaging: 2, minOrder: 35, prep: [15, 22],
    notice: '野生菌当季供应。 / Wild mushrooms in season.' },
  { slug: 'jiachang', name_zh: '家常快餐', name_en: 'Homestyle Express', cuisine: 'fast_food', place: 'restaurant',
    district: 'pudong', street_zh: '浦电路400号', street_en: '400 Pudian Road', lat: 31.225, lng: 121.523,
    hours: ['10:00', '21:00'], fee: [2, 4], packaging: 1, minOrder: 15, prep: [6, 10],
    notice: '一荤一素，工作日午餐。 / Simple rice boxes for weekday lunch.' },
  { slug: 'gangdian', name_zh: '港点轩', name_en: 'Harbour Dim Sum', cuisine: 'cantonese', place: 'restaurant',
    district: 'pudong', street_zh: '商城路660号', street_en: '660 Shangcheng Road', lat: 31.231, lng: 121.513,
    hours: ['09:00', '21:00'], fee: [4, 6], packaging: 2, minOrder: 30, prep: [12, 18],
    notice: '早茶点心全天供应。 / Dim sum all day.' },
  { slug: 'tacoloco', name_zh: '塔可乐', name_en: 'Taco Loco', cuisine: 'mexican', place: 'restaurant',
    district: 'jingan', street_zh: '富民路150号', street_en: '150 Fumin Road', lat: 31.2225, lng: 121.452,
    hours: ['11:00', '22:00'], fee: [4, 6], packaging: 2, minOrder: 40, prep: [12, 18],
    notice: '玉米饼手工现压。 / Tortillas pressed by hand.' },
  { slug: 'bombay', name_zh: '孟买香料', name_en: 'Bombay Spice', cuisine: 'indian', place: 'restaurant',
    district: 'changning', street_zh: '延安西路1000号', street_en: '1000 West Yanan Road', lat: 31.216, lng: 121.43,
    hours: ['11:00', '22:00'], fee: [5, 7], packaging: 2, minOrder: 45, prep: [18, 25],
    notice: '咖喱含乳制品和坚果，过敏请注意。 / Curries contain dairy and nuts.' },
  { slug: 'zhoupu', name_zh: '粥全粥到', name_en: 'Congee Corner', cuisine: 'congee', place: 'restaurant',
    district: 'jingan', street_zh: '大田路300号', street_en: '300 Datian Road', lat: 31.2385, lng: 121.462,
    hours: ['06:30', '23:00'], fee: [3, 5], packaging: 1, minOrder: 15, prep: [8, 12],
    notice: '砂锅慢熬，暖胃。 / Slow-cooked in clay pots.' },
  { slug: 'yangji', name_zh: '杨记麻辣烫', name_en: "Yang's Malatang", cuisine: 'malatang', place: 'restaurant',
    district: 'yangpu', street_zh: '淞沪路77号', street_en: '77 Songhu Road', lat: 31.302, lng: 121.513,
    hours: ['10:00', '23:00'], fee: [2, 4], packaging: 1, minOrder: 18, prep: [8, 12],
    notice: '骨汤底，辣度可选。 / Bone broth base; pick your spice level.' },
  { slug: 'aniang', name_zh: '阿娘馄饨', name_en: 'Aniang Wontons', cuisine: 'noodles', place: 'restaurant',
    district: 'xuhui', street_zh: '建国西路500号', street_en: '500 West Jianguo Road', lat: 31.2075, lng: 121.45,
    hours: ['07:00', '20:00'], fee: [2, 4], packaging: 1, minOrder: 15, prep: [8, 12],
    notice: '荠菜现挑现包。 / Shepherd’s purse wontons wrapped by hand.' },
];
