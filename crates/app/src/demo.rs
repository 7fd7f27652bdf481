//! The demo data set of 聊城市: regions, departments, calendar, roles and one account per role.
//!
//! Everything goes through the same use cases as a user's work (as the system actor), so the
//! demo database carries its own audit trail.

use crate::org::{
    NewUserForm, create_user, import_regions_csv, load_builtin_roles, upsert_department,
};
use crate::{Actor, App, AppError, RequestMeta};
use policy::enterprise::Uscc;
use serde::Serialize;

/// The regions of 聊城市 (GB/T 2260), shipped in the binary.
pub const SHIPPED_REGIONS: &str = include_str!("../data/liaocheng-regions.csv");

/// The development zone has no GB/T 2260 code: it gets the local code the statistics office
/// uses for it, under 371500, and is marked functional.
pub const DEV_ZONE: (&str, &str) = ("371571", "聊城经济技术开发区");

/// The password every demo account shares (printed by `strongcity demo`).
pub const DEMO_PASSWORD: &str = "Demo@2026city";

/// One demo account.
#[derive(Debug, Clone, Serialize)]
pub struct DemoAccount {
    /// Login name.
    pub username: String,
    /// Role code.
    pub role: String,
    /// What the account is for.
    pub description: String,
}

/// The counties and districts with the short names used in demo user names.
pub const COUNTIES: &[(&str, &str)] = &[
    ("371502", "dongchangfu"),
    ("371503", "chiping"),
    ("371521", "yanggu"),
    ("371522", "shenxian"),
    ("371524", "donge"),
    ("371525", "guanxian"),
    ("371526", "gaotang"),
    ("371581", "linqing"),
    ("371571", "devzone"),
];

/// A demo enterprise (the registry issue fills in the rest of its profile).
pub struct DemoEnterprise {
    /// Code body without the check character.
    pub uscc_body: &'static str,
    /// Name (fictional).
    pub name: &'static str,
    /// Region.
    pub region: &'static str,
    /// GB/T 4754 industry code.
    pub industry: &'static str,
}

/// The enterprises the demo accounts are bound to.
pub const ENTERPRISES: &[DemoEnterprise] = &[
    DemoEnterprise {
        uscc_body: "91371581MA3C0F001",
        name: "临清示例铸造机械有限公司",
        region: "371581",
        industry: "C3423",
    },
    DemoEnterprise {
        uscc_body: "91371503MA3C0A002",
        name: "茌平示例铝材科技有限公司",
        region: "371503",
        industry: "C3252",
    },
];

/// Builds the demo data set in a freshly migrated database and returns its accounts.
pub async fn seed_demo(app: &App) -> Result<Vec<DemoAccount>, AppError> {
    let actor = Actor::system("demo");
    let meta = RequestMeta::cli("demo");
    load_builtin_roles(app).await?;
    crate::cultivation::load_shipped_rule_sets(app).await?;
    let mut regions = SHIPPED_REGIONS.trim_end().to_string();
    regions = regions.replacen(
        "code,name,parent_code,level",
        "code,name,parent_code,level,kind",
        1,
    );
    regions.push_str(&format!(
        "\n{},{},371500,county,functional\n",
        DEV_ZONE.0, DEV_ZONE.1
    ));
    import_regions_csv(app, &actor, &meta, regions.as_bytes()).await?;
    crate::calendar::import_calendar_csv(app, &actor, &meta, crate::calendar::SHIPPED_CALENDAR)
        .await?;
    for (code, name) in [
        ("GXJ", "工业和信息化局"),
        ("RSJ", "人力资源和社会保障局"),
        ("KJJ", "科学技术局"),
        ("TSW", "共青团聊城市委员会"),
    ] {
        upsert_department(
            app,
            &actor,
            &meta,
            &format!("{code}-371500"),
            &format!("聊城市{name}"),
            "371500",
        )
        .await?;
    }
    let all = crate::org::region_tree(app, &actor).await?;
    for (code, _) in COUNTIES {
        let name = all
            .iter()
            .find(|r| r.code == *code)
            .map(|r| r.name.clone())
            .unwrap_or_default();
        upsert_department(
            app,
            &actor,
            &meta,
            &format!("GXJ-{code}"),
            &format!("{name}工业和信息化局"),
            code,
        )
        .await?;
    }
    for e in ENTERPRISES {
        let uscc =
            Uscc::with_check(e.uscc_body).map_err(|err| AppError::Internal(err.to_string()))?;
        let fields: std::collections::HashMap<String, String> = [
            ("uscc", uscc.as_str()),
            ("name", e.name),
            ("region_code", e.region),
            ("industry_code", e.industry),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        crate::enterprise::create_enterprise(app, &actor, &meta, &fields).await?;
    }
    let mut accounts = Vec::new();
    let mut add = |username: String,
                   role: &str,
                   region: Option<&str>,
                   enterprise: Option<String>,
                   description: String| {
        accounts.push((
            NewUserForm {
                username: username.clone(),
                display_name: Some(description.clone()),
                password: DEMO_PASSWORD.into(),
                role: role.into(),
                region: region.map(Into::into),
                enterprise,
                phone: Some("13800001234".into()),
                must_change_password: false,
            },
            DemoAccount {
                username,
                role: role.into(),
                description,
            },
        ));
    };
    add(
        "admin".into(),
        "city_admin",
        Some("371500"),
        None,
        "聊城市工信局管理员".into(),
    );
    for (code, short) in COUNTIES {
        let name = all
            .iter()
            .find(|r| r.code == *code)
            .map(|r| r.name.clone())
            .unwrap_or_default();
        add(
            format!("county.{short}"),
            "county_admin",
            Some(code),
            None,
            format!("{name}管理员"),
        );
    }
    add(
        "chain".into(),
        "chain_office",
        Some("371503"),
        None,
        "茌平区链长办".into(),
    );
    add(
        "specialist".into(),
        "specialist",
        Some("371521"),
        None,
        "阳谷县助企专员".into(),
    );
    let foundry = Uscc::with_check(ENTERPRISES[0].uscc_body)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    add(
        "enterprise".into(),
        "enterprise",
        Some("371581"),
        Some(foundry.to_string()),
        "临清示例铸造机械有限公司".into(),
    );
    add(
        "hrbureau".into(),
        "title_admin",
        Some("371500"),
        None,
        "市人社局职称管理员".into(),
    );
    add(
        "expert".into(),
        "expert",
        Some("371500"),
        None,
        "评审专家".into(),
    );
    add(
        "research".into(),
        "research_team",
        Some("371500"),
        None,
        "科研团队".into(),
    );
    add(
        "leader".into(),
        "leader",
        Some("371500"),
        None,
        "市领导".into(),
    );
    let mut out = Vec::new();
    for (form, account) in accounts {
        create_user(app, &actor, &meta, form).await?;
        out.push(account);
    }
    crate::cultivation::demo::seed(app).await?;
    out.extend(crate::service::demo::seed(app).await?);
    out.extend(crate::innovation::demo::seed(app).await?);
    crate::stats::demo::seed(app).await?;
    crate::project::demo::seed(app).await?;
    crate::chain::demo::seed(app).await?;
    out.extend(crate::talent::demo::seed(app).await?);
    Ok(out)
}
