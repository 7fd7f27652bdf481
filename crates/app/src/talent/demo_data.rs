//! The fixed material of the talent demo: names, trades and the experts of the pool.

/// Surnames of the demo's applicants.
pub(super) const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗",
];

/// Given names of the demo's applicants.
pub(super) const GIVEN: &[&str] = &[
    "建国", "志强", "海涛", "晓东", "丽娟", "国栋", "文博", "春雷", "玉兰", "振华", "明远", "新宇",
    "立峰", "静怡", "德胜",
];

/// Trades of the surveyed enterprises: (name part, GB/T 4754 code, title specialty).
pub(super) const TRADES: &[(&str, &str, &str)] = &[
    ("铸造机械", "C3423", "foundry"),
    ("轴承", "C3451", "machinery"),
    ("新材料", "C3985", "new_materials"),
    ("智能装备", "C3499", "intelligent_manufacturing"),
    ("电气", "C3829", "electrical"),
    ("化工", "C2669", "chemical"),
    ("电子信息", "C3976", "information_technology"),
    ("纺织", "C1713", "textile"),
];

/// The counties the surveyed enterprises are spread over, with their short Chinese names.
pub(super) const COUNTIES: &[(&str, &str)] = &[
    ("371502", "东昌府"),
    ("371503", "茌平"),
    ("371521", "阳谷"),
    ("371522", "莘县"),
    ("371524", "东阿"),
    ("371525", "冠县"),
    ("371526", "高唐"),
    ("371581", "临清"),
    ("371571", "开发区"),
];

/// The experts of the machinery pool: (login, name, employer). Thirteen, so an eleven-member
/// senior committee can sit with two to spare for recusal.
pub const EXPERTS: &[(&str, &str, &str)] = &[
    ("expert01", "孟庆国", "聊城大学机械与汽车工程学院"),
    ("expert02", "韩立新", "山东省机械设计研究院"),
    ("expert03", "曹文静", "聊城大学机械与汽车工程学院"),
    ("expert04", "邓海峰", "中国重汽集团技术中心"),
    ("expert05", "许国强", "山东大学机械工程学院"),
    ("expert06", "冯晓燕", "聊城市特种设备检验研究院"),
    ("expert07", "蒋伟", "山东理工大学机械工程学院"),
    ("expert08", "沈建军", "济南二机床集团"),
    ("expert09", "彭丽", "聊城职业技术学院"),
    ("expert10", "吕振东", "山东省产品质量检验研究院"),
    ("expert11", "苏明", "潍柴动力股份有限公司"),
    ("expert12", "卢春华", "山东科技大学机械电子工程学院"),
    ("expert13", "丁国华", "聊城市机械工程学会"),
];
