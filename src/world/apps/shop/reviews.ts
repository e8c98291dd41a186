/** One seeded review: author, stars (1–5), text (untrusted, written by strangers). */
export type CatalogReview = [author: string, stars: number, text: string];

/** Reviews by product slug; review ids are `rv_<slug>_<n>` in this order, stable across seeds. */
export const REVIEWS: Record<string, CatalogReview[]> = {
  usbc_cable: [
    ['小林', 5, '线很结实，充电速度快，编织的不容易坏。'],
    ['Jenny W.', 4, 'Charges my laptop fine. A bit stiff at first.'],
    ['路人甲', 3, '一米有点短，建议买两米的。'],
  ],
  airpods_case: [
    ['爱吃鱼的猫', 5, '手感很好，颜色和图片一样。可惜又卖完了。'],
    ['Mark T.', 4, 'Snug fit, the hook is handy. Sold out again though.'],
  ],
  mechanical_keyboard: [
    ['码农阿杰', 5, '茶轴手感很舒服，写代码一整天也不累。'],
    ['Daniel K.', 5, 'Great build quality for the price. Brown switches are quiet enough for the office.'],
    ['匿名用户', 2, '青轴太吵了，同事有意见，买之前想清楚。'],
  ],
  laptop: [
    ['Olivia', 5, 'Light, fast, and the screen is gorgeous. Battery easily lasts a workday.'],
    ['上海的张先生', 4, '做工不错，就是接口少了点，要配扩展坞。'],
  ],
  power_bank: [
    ['小林', 4, '容量够用，出差带着很放心，就是有点重。'],
    ['Chris P.', 5, 'Charged my phone four times on a trip.'],
  ],
  wireless_mouse: [
    ['王女士', 5, '真的很静音，晚上用不吵家人。'],
    ['Mark T.', 4, 'Quiet and comfortable, a bit small for big hands.'],
  ],
  bluetooth_speaker: [
    ['Olivia', 4, 'Loud for its size, survived a pool party.'],
    ['路人甲', 4, '低音一般，但是防水很实用。'],
  ],
  wireless_earbuds: [
    ['咖啡控', 5, '地铁上降噪效果明显，通话也清楚。'],
    ['Daniel K.', 3, 'Good noise cancelling, but the case scratches easily.'],
  ],
  phone_case: [
    ['爱吃鱼的猫', 4, '透明款挺好看，用了两个月还没发黄。'],
    ['Jenny W.', 5, 'Fits perfectly and MagSafe works through it.'],
  ],
  smart_watch: [
    ['跑步的阿杰', 5, '跑步数据很准，续航确实有一周多。'],
    ['Chris P.', 4, 'Solid tracker, the app could be better.'],
  ],
  umbrella: [
    ['王女士', 5, '很轻，放包里不占地方，自动开合很方便。'],
    ['Rachel G.', 4, 'Survived a typhoon-season day in Shanghai. Compact and sturdy.'],
    ['路人甲', 3, '伞面有点小，两个人打不下。'],
  ],
  thermos: [
    ['宝妈小雨', 5, '早上装的热水到下午还烫，颜色也好看。'],
    ['Anna S.', 5, 'Keeps tea hot all day, no leaks in my bag.'],
  ],
  desk_lamp: [
    ['书虫', 5, '光线柔和不刺眼，晚上看书舒服多了。'],
    ['Mark T.', 4, 'Nice light, the touch buttons are a little sensitive.'],
  ],
  bedsheet_set: [
    ['王女士', 4, '洗了几次没起球，棉很软。'],
    ['Olivia', 5, 'Soft and breathable, colour did not fade after washing.'],
  ],
  humidifier: [
    ['宝妈小雨', 5, '放在宝宝房间，声音很小，加水方便。'],
    ['Daniel K.', 3, 'Works well but needs cleaning often.'],
  ],
  storage_box: [['整理达人', 5, '换季收衣服刚好，折起来很薄。']],
  slippers: [
    ['上海的张先生', 4, '很暖和，尺码偏小，建议买大一码。'],
    ['Anna S.', 5, 'So cosy for winter. Size runs small.'],
  ],
  three_body: [
    ['书虫', 5, '中国科幻的巅峰，第二部最精彩。'],
    ['Daniel K.', 5, 'Reading it in Chinese to practise. Worth every page.'],
  ],
  to_live: [['书虫', 5, '看完哭了很久，朴素又有力量。']],
  atomic_habits: [
    ['Rachel G.', 5, 'Practical and easy to read. Changed how I plan my mornings.'],
    ['小林', 4, '英文不难，适合边学英语边看。'],
  ],
  python_book: [['码农阿杰', 4, '入门很友好，项目部分很实用。']],
  cookbook: [
    ['咖啡控', 4, '宫保鸡丁按书上做成功了，图片很清楚。'],
    ['Jenny W.', 4, 'Great pictures. I needed a dictionary for some ingredients.'],
  ],
  coffee_beans: [
    ['咖啡控', 5, '新鲜烘焙，坚果香很明显，手冲和意式都好喝。'],
    ['Olivia', 4, 'Good everyday beans, a little darker than I like.'],
    ['路人甲', 4, '到手离烘焙日期一周，很新鲜。'],
  ],
  green_tea: [
    ['上海的张先生', 5, '送长辈的，老人家说很正宗。'],
    ['Anna S.', 4, 'Fragrant and fresh. Pricey but good.'],
  ],
  mixed_nuts: [
    ['宝妈小雨', 5, '每天一小包，孩子也爱吃。'],
    ['Chris P.', 4, 'Tasty, but note it contains peanuts.'],
  ],
  dark_chocolate: [
    ['Rachel G.', 5, 'Rich and not too bitter. My afternoon treat.'],
    ['爱吃鱼的猫', 4, '苦味刚好，不太甜。'],
  ],
  oat_milk: [
    ['咖啡控', 5, '打奶泡真的很稳，做燕麦拿铁一流。'],
    ['Jenny W.', 5, 'Best oat milk for lattes I have found here.'],
  ],
  instant_noodles: [['码农阿杰', 4, '加班必备，经典味道。']],
  honey: [
    ['王女士', 5, '结晶了说明是真蜜，冲水很好喝。'],
    ['Mark T.', 4, 'Mild and floral. The jar is a bit small.'],
  ],
  lipstick: [
    ['Lily', 5, '豆沙色日常百搭，不拔干。'],
    ['Olivia', 4, 'Beautiful colour, needs a touch-up after lunch.'],
  ],
  face_cream: [
    ['Lily', 5, '换季泛红用它很快就好了，无香很安心。'],
    ['Anna S.', 4, 'Gentle on my dry skin, a little greasy in the morning.'],
  ],
  hand_cream: [['王女士', 5, '包装好看，送同事刚好一人一支。']],
  shampoo: [
    ['爱吃鱼的猫', 4, '洗完很蓬松，味道清新。'],
    ['Chris P.', 3, 'Fine, but I did not notice much difference.'],
  ],
  yoga_mat: [
    ['Rachel G.', 5, 'Thick and grippy, great for my knees.'],
    ['宝妈小雨', 4, '有一点点味道，晾两天就没了。'],
  ],
  running_shoes: [
    ['跑步的阿杰', 5, '脚感很弹，跑了 200 公里鞋底还好。'],
    ['Daniel K.', 4, 'Comfortable; order half a size up.'],
  ],
  dumbbells: [['跑步的阿杰', 4, '在家练够用了，拆装要点时间。']],
  badminton_racket: [
    ['上海的张先生', 4, '入门够用，和孩子周末打很开心。'],
    ['Mark T.', 4, 'Good starter set, the strings are a bit loose.'],
  ],
  jump_rope: [['小林', 5, '计数挺准，减肥好帮手。']],
  tshirt: [
    ['码农阿杰', 5, '厚实不透，洗了不变形。'],
    ['Chris P.', 4, 'Good weight. Runs slightly large.'],
  ],
  down_jacket: [
    ['上海的张先生', 5, '轻便又暖和，上海湿冷的冬天穿着刚好。'],
    ['Anna S.', 4, 'Warm and packable, sleeves a bit long.'],
  ],
  wool_scarf: [
    ['王女士', 5, '不扎脖子，送妈妈她很喜欢。'],
    ['Rachel G.', 5, 'Soft, warm and the camel colour is lovely.'],
  ],
  socks: [['路人甲', 4, '舒服，价格实惠。']],
  birthday_card: [
    ['爱吃鱼的猫', 5, '打开会弹出蛋糕，朋友很惊喜。'],
    ['Jenny W.', 5, 'Cute pop-up card, plenty of space to write.'],
  ],
  preserved_flowers: [
    ['小林', 5, '送女朋友的，包装很精致，她很喜欢。'],
    ['Olivia', 4, 'Pretty, smaller than it looks in the photos.'],
  ],
  scented_candle: [
    ['Lily', 5, '雪松味很高级，烧得很干净。'],
    ['Mark T.', 4, 'Nice scent, a bit weak in a big room.'],
  ],
  photo_frame: [['宝妈小雨', 4, '木头质感不错，放宝宝照片刚好。']],
  chocolate_gift_box: [
    ['Rachel G.', 5, 'Lovely gift box, every truffle different.'],
    ['咖啡控', 4, '好吃但有点甜，配咖啡刚好。'],
  ],
  diapers: [
    ['宝妈小雨', 5, '一夜不漏，宝宝屁屁不红。'],
    ['Anna S.', 4, 'Reliable, but sizes run small.'],
  ],
  baby_bottle: [['宝妈小雨', 4, '玻璃的好清洗，有点重。']],
  baby_wipes: [['王女士', 5, '厚实不掉絮，擦手擦脸都行。']],
  plush_bear: [
    ['Olivia', 5, 'My niece sleeps with it every night.'],
    ['爱吃鱼的猫', 5, '很软，洗了也不变形。'],
  ],
};
