/** Shanghai's districts, by the short key the catalogue uses. */
export const DISTRICTS = {
  huangpu: ['黄浦区', 'Huangpu District'],
  jingan: ['静安区', "Jing'an District"],
  xuhui: ['徐汇区', 'Xuhui District'],
  changning: ['长宁区', 'Changning District'],
  pudong: ['浦东新区', 'Pudong New Area'],
  yangpu: ['杨浦区', 'Yangpu District'],
  hongkou: ['虹口区', 'Hongkou District'],
  putuo: ['普陀区', 'Putuo District'],
  minhang: ['闵行区', 'Minhang District'],
} as const;

/**
 * Neighbourhoods people name more often than districts ("陆家嘴", "静安寺"): a place takes the name of
 * the nearest centre within {@link AREA_RADIUS_M}. [中文名, English name, lat, lng]
 */
export const AREAS: [string, string, number, number][] = [
  ['陆家嘴', 'Lujiazui', 31.2365, 121.5035],
  ['世纪大道', 'Century Avenue', 31.2286, 121.524],
  ['世纪公园', 'Century Park', 31.215, 121.548],
  ['外滩', 'The Bund', 31.239, 121.489],
  ['人民广场', "People's Square", 31.2315, 121.4745],
  ['南京东路', 'East Nanjing Road', 31.236, 121.482],
  ['豫园', 'Yu Garden', 31.227, 121.4915],
  ['新天地', 'Xintiandi', 31.219, 121.4735],
  ['南京西路', 'West Nanjing Road', 31.229, 121.456],
  ['静安寺', "Jing'an Temple", 31.2236, 121.446],
  ['上海站', 'Shanghai Station', 31.248, 121.46],
  ['衡复风貌区', 'Former French Concession', 31.208, 121.445],
  ['徐家汇', 'Xujiahui', 31.194, 121.437],
  ['龙华', 'Longhua', 31.177, 121.45],
  ['中山公园', 'Zhongshan Park', 31.221, 121.42],
  ['古北', 'Gubei', 31.1995, 121.3985],
  ['漕河泾', 'Caohejing', 31.172, 121.397],
  ['虹桥枢纽', 'Hongqiao Hub', 31.1945, 121.324],
  ['五角场', 'Wujiaochang', 31.3, 121.512],
  ['浦东机场', 'Pudong Airport', 31.1443, 121.8083],
];

/** Other names people use for a place, space-separated, by place id. */
export const ALIASES: Record<string, string> = {
  pl_hongqiao_station: '虹桥火车站 虹桥高铁站 Hongqiao Station',
  pl_shanghai_station: '上海火车站 新客站 Shanghai Station',
  pl_shanghai_south_station: '上海南站 South Station',
  pl_pudong_airport: '浦东机场 PVG',
  pl_hongqiao_airport: '虹桥机场 SHA',
  pl_oriental_pearl: '东方明珠 Pearl Tower',
  pl_people_square: '人广',
  pl_ifc_mall: 'IFC',
  pl_fudan: '复旦',
  pl_sjtu_xuhui: '交大 SJTU',
};

/** How far a neighbourhood reaches from its centre. */
export const AREA_RADIUS_M = 1800;

/** A district key of {@link DISTRICTS}. */
export type DistrictKey = keyof typeof DISTRICTS;

/** One catalogue place: [id, category, 中文名, English name, district, 街道地址, street address, lat, lng]. */
export type CatalogPlace = [string, string, string, string, DistrictKey, string, string, number, number];

/**
 * The fixed places of the city. Tasks and other apps name these ids; the persona homes and offices
 * are the ones `world_personas` points at.
 */
// biome-ignore format: one place a line reads as a table
export const PLACES: CatalogPlace[] = [
  // The personas and the people around them.
  ['pl_home_liming', 'home', '李明家（康定花园）', "Li Ming's home (Kangding Garden)", 'jingan', '康定路1028弄12号1203室', 'Room 1203, No. 12, Lane 1028 Kangding Road', 31.2362, 121.4441],
  ['pl_office_liming', 'office', '李明公司（汇亚大厦28楼）', "Li Ming's office (Huiya Tower, 28F)", 'pudong', '银城中路168号汇亚大厦28楼', '28F Huiya Tower, 168 Yincheng Middle Road', 31.2367, 121.5052],
  ['pl_home_sam', 'home', 'Sam的公寓（武康路）', "Sam's apartment (Wukang Road)", 'xuhui', '武康路212弄5号302室', 'Apt 302, No. 5, Lane 212 Wukang Road', 31.2071, 121.4392],
  ['pl_office_sam', 'office', 'Sam的公司（静安晶座15楼）', "Sam's office (Jing'an Crystal Tower, 15F)", 'jingan', '南京西路1601号静安晶座15楼', "15F Jing'an Crystal Tower, 1601 West Nanjing Road", 31.2241, 121.4481],
  ['pl_home_liming_parents', 'home', '李明父母家（国定小区）', "Li Ming's parents' home (Guoding Estate)", 'yangpu', '国定路580弄7号502室', 'Room 502, No. 7, Lane 580 Guoding Road', 31.2968, 121.5088],
  ['pl_home_wangfang', 'home', '王芳家（古北新城）', "Wang Fang's home (Gubei New Town)", 'changning', '红宝石路500弄3号1801室', 'Room 1801, No. 3, Lane 500 Hongbaoshi Road', 31.1998, 121.3991],
  ['pl_home_hanxue', 'home', '韩雪家（新华路）', "Han Xue's home (Xinhua Road)", 'changning', '新华路211弄9号', 'No. 9, Lane 211 Xinhua Road', 31.2062, 121.4268],
  // Landmarks.
  ['pl_bund', 'landmark', '外滩', 'The Bund', 'huangpu', '中山东一路', 'East Zhongshan No.1 Road', 31.2400, 121.4905],
  ['pl_people_square', 'landmark', '人民广场', "People's Square", 'huangpu', '人民大道120号', '120 People\'s Avenue', 31.2304, 121.4737],
  ['pl_oriental_pearl', 'landmark', '东方明珠广播电视塔', 'Oriental Pearl TV Tower', 'pudong', '世纪大道1号', '1 Century Avenue', 31.2397, 121.4998],
  ['pl_shanghai_tower', 'landmark', '上海中心大厦', 'Shanghai Tower', 'pudong', '银城中路501号', '501 Yincheng Middle Road', 31.2335, 121.5055],
  ['pl_yuyuan', 'landmark', '豫园', 'Yu Garden', 'huangpu', '福佑路168号', '168 Fuyou Road', 31.2272, 121.4921],
  ['pl_jingan_temple', 'landmark', '静安寺', "Jing'an Temple", 'jingan', '南京西路1686号', '1686 West Nanjing Road', 31.2236, 121.4455],
  ['pl_xintiandi', 'landmark', '新天地', 'Xintiandi', 'huangpu', '太仓路181弄', 'Lane 181 Taicang Road', 31.2196, 121.4752],
  ['pl_tianzifang', 'landmark', '田子坊', 'Tianzifang', 'huangpu', '泰康路210弄', 'Lane 210 Taikang Road', 31.2089, 121.4694],
  ['pl_wukang_mansion', 'landmark', '武康大楼', 'Wukang Mansion', 'xuhui', '淮海中路1842号', '1842 Middle Huaihai Road', 31.2046, 121.4372],
  ['pl_nanjing_road', 'landmark', '南京路步行街', 'Nanjing Road Pedestrian Street', 'huangpu', '南京东路', 'East Nanjing Road', 31.2350, 121.4800],
  ['pl_shanghai_museum', 'landmark', '上海博物馆', 'Shanghai Museum', 'huangpu', '人民大道201号', "201 People's Avenue", 31.2283, 121.4755],
  ['pl_xujiahui_cathedral', 'landmark', '徐家汇天主教堂', 'Xujiahui Cathedral', 'xuhui', '蒲西路158号', '158 Puxi Road', 31.1925, 121.4345],
  ['pl_longhua_temple', 'landmark', '龙华寺', 'Longhua Temple', 'xuhui', '龙华路2853号', '2853 Longhua Road', 31.1755, 121.4484],
  ['pl_swfc', 'landmark', '上海环球金融中心', 'Shanghai World Financial Center', 'pudong', '世纪大道100号', '100 Century Avenue', 31.2345, 121.5075],
  // Stations and airports.
  ['pl_hongqiao_station', 'station', '上海虹桥站', 'Shanghai Hongqiao Railway Station', 'minhang', '申贵路1500号', '1500 Shengui Road', 31.1945, 121.3203],
  ['pl_shanghai_station', 'station', '上海站', 'Shanghai Railway Station', 'jingan', '秣陵路303号', '303 Moling Road', 31.2494, 121.4559],
  ['pl_shanghai_south_station', 'station', '上海南站', 'Shanghai South Railway Station', 'xuhui', '沪闵路9001号', '9001 Humin Road', 31.1545, 121.4293],
  ['pl_pudong_airport', 'airport', '浦东国际机场', 'Pudong International Airport', 'pudong', '启航路900号', '900 Qihang Road', 31.1443, 121.8083],
  ['pl_hongqiao_airport', 'airport', '虹桥国际机场T2航站楼', 'Hongqiao Airport Terminal 2', 'minhang', '申达一路', 'Shenda 1st Road', 31.1940, 121.3270],
  ['pl_metro_people_square', 'station', '人民广场地铁站', "People's Square Metro Station", 'huangpu', '西藏中路', 'Middle Xizang Road', 31.2327, 121.4751],
  ['pl_metro_lujiazui', 'station', '陆家嘴地铁站', 'Lujiazui Metro Station', 'pudong', '陆家嘴环路', 'Lujiazui Ring Road', 31.2380, 121.5020],
  ['pl_metro_jingan_temple', 'station', '静安寺地铁站', "Jing'an Temple Metro Station", 'jingan', '华山路', 'Huashan Road', 31.2232, 121.4469],
  ['pl_metro_xujiahui', 'station', '徐家汇地铁站', 'Xujiahui Metro Station', 'xuhui', '漕溪北路', 'North Caoxi Road', 31.1940, 121.4370],
  ['pl_metro_wujiaochang', 'station', '五角场地铁站', 'Wujiaochang Metro Station', 'yangpu', '淞沪路', 'Songhu Road', 31.2990, 121.5140],
  ['pl_metro_century_avenue', 'station', '世纪大道地铁站', 'Century Avenue Metro Station', 'pudong', '世纪大道', 'Century Avenue', 31.2286, 121.5260],
  ['pl_metro_changshu_road', 'station', '常熟路地铁站', 'Changshu Road Metro Station', 'xuhui', '淮海中路', 'Middle Huaihai Road', 31.2137, 121.4469],
  // Malls.
  ['pl_iapm', 'mall', '环贸iapm商场', 'iapm Mall', 'xuhui', '淮海中路999号', '999 Middle Huaihai Road', 31.2155, 121.4580],
  ['pl_plaza66', 'mall', '恒隆广场', 'Plaza 66', 'jingan', '南京西路1266号', '1266 West Nanjing Road', 31.2277, 121.4531],
  ['pl_ifc_mall', 'mall', '国金中心商场', 'IFC Mall', 'pudong', '世纪大道8号', '8 Century Avenue', 31.2370, 121.5020],
  ['pl_grand_gateway', 'mall', '港汇恒隆广场', 'Grand Gateway 66', 'xuhui', '虹桥路1号', '1 Hongqiao Road', 31.1950, 121.4375],
  ['pl_joy_city', 'mall', '大悦城', 'Joy City', 'jingan', '西藏北路166号', '166 North Xizang Road', 31.2470, 121.4760],
  ['pl_wujiaochang_wanda', 'mall', '五角场万达广场', 'Wujiaochang Wanda Plaza', 'yangpu', '邯郸路600号', '600 Handan Road', 31.3000, 121.5150],
  ['pl_jingan_kerry', 'mall', '静安嘉里中心', "Jing'an Kerry Centre", 'jingan', '南京西路1515号', '1515 West Nanjing Road', 31.2250, 121.4490],
  ['pl_raffles_city', 'mall', '来福士广场', 'Raffles City', 'huangpu', '西藏中路268号', '268 Middle Xizang Road', 31.2325, 121.4745],
  // Shops.
  ['pl_familymart_kangding', 'shop', '全家便利店（康定路店）', 'FamilyMart (Kangding Road)', 'jingan', '康定路1000号', '1000 Kangding Road', 31.2358, 121.4452],
  ['pl_hema_xuhui', 'supermarket', '盒马鲜生（徐汇店）', 'Freshippo (Xuhui)', 'xuhui', '天钥桥路380号', '380 Tianyaoqiao Road', 31.1880, 121.4395],
  ['pl_carrefour_gubei', 'supermarket', '家乐福（古北店）', 'Carrefour (Gubei)', 'changning', '水城南路268号', '268 South Shuicheng Road', 31.2010, 121.3960],
  ['pl_florist_jingan', 'shop', '花间花店', 'Between Flowers Florist', 'jingan', '延安中路1000号', '1000 Middle Yan\'an Road', 31.2215, 121.4545],
  ['pl_pharmacy_jingan', 'pharmacy', '华氏大药房（静安店）', "Huashi Pharmacy (Jing'an)", 'jingan', '常德路800号', '800 Changde Road', 31.2340, 121.4430],
  ['pl_pharmacy_lujiazui', 'pharmacy', '益丰大药房（陆家嘴店）', 'Yifeng Pharmacy (Lujiazui)', 'pudong', '东方路69号', '69 Dongfang Road', 31.2360, 121.5120],
  // Hospitals.
  ['pl_huashan_hospital', 'hospital', '复旦大学附属华山医院', 'Huashan Hospital', 'jingan', '乌鲁木齐中路12号', '12 Middle Urumqi Road', 31.2166, 121.4420],
  ['pl_ruijin_hospital', 'hospital', '上海交通大学医学院附属瑞金医院', 'Ruijin Hospital', 'huangpu', '瑞金二路197号', '197 Ruijin 2nd Road', 31.2120, 121.4670],
  ['pl_renji_hospital', 'hospital', '仁济医院（东院）', 'Renji Hospital (East)', 'pudong', '浦建路160号', '160 Pujian Road', 31.2050, 121.5230],
  ['pl_zhongshan_hospital', 'hospital', '复旦大学附属中山医院', 'Zhongshan Hospital', 'xuhui', '枫林路180号', '180 Fenglin Road', 31.1990, 121.4510],
  // Parks.
  ['pl_century_park', 'park', '世纪公园', 'Century Park', 'pudong', '锦绣路1001号', '1001 Jinxiu Road', 31.2150, 121.5510],
  ['pl_zhongshan_park', 'park', '中山公园', 'Zhongshan Park', 'changning', '长宁路780号', '780 Changning Road', 31.2230, 121.4180],
  ['pl_fuxing_park', 'park', '复兴公园', 'Fuxing Park', 'huangpu', '雁荡路105号', '105 Yandang Road', 31.2170, 121.4700],
  ['pl_jingan_park', 'park', '静安公园', "Jing'an Park", 'jingan', '南京西路1649号', '1649 West Nanjing Road', 31.2225, 121.4470],
  ['pl_xujiahui_park', 'park', '徐家汇公园', 'Xujiahui Park', 'xuhui', '肇嘉浜路889号', '889 Zhaojiabang Road', 31.1995, 121.4420],
  ['pl_xuhui_riverside', 'park', '徐汇滨江', 'Xuhui Riverside', 'xuhui', '龙腾大道', 'Longteng Avenue', 31.1790, 121.4580],
  // Schools and libraries.
  ['pl_fudan', 'school', '复旦大学', 'Fudan University', 'yangpu', '邯郸路220号', '220 Handan Road', 31.2985, 121.5035],
  ['pl_tongji', 'school', '同济大学', 'Tongji University', 'yangpu', '四平路1239号', '1239 Siping Road', 31.2830, 121.5020],
  ['pl_sjtu_xuhui', 'school', '上海交通大学（徐汇校区）', 'Shanghai Jiao Tong University (Xuhui Campus)', 'xuhui', '华山路1954号', '1954 Huashan Road', 31.2005, 121.4345],
  ['pl_shanghai_library', 'library', '上海图书馆', 'Shanghai Library', 'xuhui', '淮海中路1555号', '1555 Middle Huaihai Road', 31.2075, 121.4430],
  // Hotels.
  ['pl_peace_hotel', 'hotel', '和平饭店', 'Fairmont Peace Hotel', 'huangpu', '南京东路20号', '20 East Nanjing Road', 31.2405, 121.4880],
  ['pl_park_hyatt', 'hotel', '上海柏悦酒店', 'Park Hyatt Shanghai', 'pudong', '世纪大道100号', '100 Century Avenue', 31.2347, 121.5077],
  ['pl_jingan_shangri_la', 'hotel', '静安香格里拉大酒店', "Jing'an Shangri-La", 'jingan', '延安中路1218号', '1218 Middle Yan\'an Road', 31.2245, 121.4495],
  ['pl_hanting_hongqiao', 'hotel', '汉庭酒店（虹桥站店）', 'Hanting Hotel (Hongqiao Station)', 'minhang', '申长路688号', '688 Shenchang Road', 31.1960, 121.3260],
  // Offices of people in the world.
  ['pl_office_gaoyuan', 'office', '高远的公司（漕河泾园区）', "Gao Yuan's company (Caohejing Park)", 'xuhui', '宜山路1000号', '1000 Yishan Road', 31.1700, 121.3950],
  ['pl_office_tangning', 'office', '唐宁的公司（五角场创智天地）', "Tang Ning's company (KIC, Wujiaochang)", 'yangpu', '淞沪路290号', '290 Songhu Road', 31.3040, 121.5100],
  // A few places to eat that are not on the food app.
  ['pl_starbucks_roastery', 'cafe', '星巴克臻选上海烘焙工坊', 'Starbucks Reserve Roastery', 'jingan', '南京西路789号', '789 West Nanjing Road', 31.2290, 121.4590],
  ['pl_nanxiang', 'restaurant', '南翔馒头店（豫园）', 'Nanxiang Steamed Bun (Yu Garden)', 'huangpu', '豫园路85号', '85 Yuyuan Road', 31.2275, 121.4925],
  ['pl_lanxin', 'restaurant', '兰心餐厅', 'Lanxin Restaurant', 'huangpu', '进贤路130号', '130 Jinxian Road', 31.2150, 121.4640],
  // Everyday services.
  ['pl_gym_jingan', 'gym', '力健健身（静安店）', "FitLife Gym (Jing'an)", 'jingan', '西康路618号', '618 Xikang Road', 31.2348, 121.4462],
  ['pl_icbc_jingan', 'bank', '工商银行（静安支行）', "ICBC (Jing'an Branch)", 'jingan', '北京西路1399号', '1399 West Beijing Road', 31.2310, 121.4500],
  ['pl_post_office_lujiazui', 'post_office', '陆家嘴邮局', 'Lujiazui Post Office', 'pudong', '浦东南路500号', '500 South Pudong Road', 31.2330, 121.5090],
];
