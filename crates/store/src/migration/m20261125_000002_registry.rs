//! The enterprise registry: the full profile, yearly financials, honors, and enterprise users'
//! changes waiting for the county's confirmation.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Creates the registry tables and widens `enterprise`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000002_registry"
    }
}

/// Columns added to the foundation's `enterprise` table, one statement each (SQLite alters one
/// column at a time).
fn enterprise_columns() -> Vec<ColumnDef> {
    vec![
        text("former_names").default("[]").to_owned(),
        string("county_code").default("").to_owned(),
        string("address").default("").to_owned(),
        string("industry_code").default("").to_owned(),
        string_null("size_class").to_owned(),
        text("size_basis").default("").to_owned(),
        boolean("above_size").default(false).to_owned(),
        integer_null("above_size_since").to_owned(),
        date_null("founded_on").to_owned(),
        string("legal_rep").default("").to_owned(),
        string("contact_name").default("").to_owned(),
        string("contact_phone").default("").to_owned(),
        text("main_products").default("").to_owned(),
        text("niche_market").default("").to_owned(),
        integer_null("niche_since_year").to_owned(),
        boolean("strategic_emerging").default(false).to_owned(),
        text("capabilities").default("{}").to_owned(),
        date_null("status_date").to_owned(),
        string("status_reason").default("").to_owned(),
        timestamp_with_time_zone_null("updated_at").to_owned(),
    ]
}

fn money(name: &'static str) -> ColumnDef {
    big_integer_null(name).to_owned()
}

fn tables() -> Vec<TableCreateStatement> {
    vec![
        Table::create()
            .table("financial")
            .col(big_pk_auto("id"))
            .col(string("uscc"))
            .col(integer("year"))
            .col(money("revenue_fen"))
            .col(money("main_revenue_fen"))
            .col(money("rd_expense_fen"))
            .col(money("net_profit_fen"))
            .col(money("total_assets_fen"))
            .col(money("total_liabilities_fen"))
            .col(integer_null("staff"))
            .col(integer_null("rd_staff"))
            .col(integer_null("tech_staff"))
            .col(money("equity_financing_fen"))
            .col(integer_null("ip_class1_high_value"))
            .col(integer_null("ip_class1_self_developed"))
            .col(integer_null("ip_class1"))
            .col(integer_null("ip_class2"))
            .col(integer_null("invention_patents"))
            .col(integer_null("utility_models"))
            .col(integer_null("software_copyrights"))
            .col(integer_null("digital_level"))
            .col(string_null("rd_institution_level"))
            .col(boolean("quality_award").default(false))
            .col(boolean("quality_certification").default(false))
            .col(boolean("own_brand").default(false))
            .col(boolean("standard_drafting").default(false))
            .col(string("data_source").default(""))
            .col(string("confirmed_by").default(""))
            .col(timestamp_with_time_zone_null("updated_at"))
            .to_owned(),
        Table::create()
            .table("honor")
            .col(big_pk_auto("id"))
            .col(string("uscc"))
            .col(string("title"))
            .col(string("level"))
            .col(string("batch").default(""))
            .col(integer("year"))
            .col(string("certificate_no").default(""))
            .col(date_null("valid_from"))
            .col(date_null("valid_to"))
            .col(string("status").default("valid"))
            .col(string("status_reason").default(""))
            .col(string("source_document").default(""))
            .col(timestamp_with_time_zone("created_at"))
            .to_owned(),
        Table::create()
            .table("enterprise_change")
            .col(big_pk_auto("id"))
            .col(string("uscc"))
            .col(string("kind"))
            .col(integer_null("year"))
            .col(text("diff"))
            .col(big_integer("submitted_by"))
            .col(timestamp_with_time_zone("submitted_at"))
            .col(string("status").default("pending"))
            .col(big_integer_null("decided_by"))
            .col(timestamp_with_time_zone_null("decided_at"))
            .col(string("reason").default(""))
            .to_owned(),
    ]
}

fn index(
    name: &str,
    table: &'static str,
    cols: &[&'static str],
    unique: bool,
) -> IndexCreateStatement {
    let mut i = Index::create();
    i.name(name).table(table);
    for c in cols {
        i.col(*c);
    }
    if unique {
        i.unique();
    }
    i.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for mut c in enterprise_columns() {
            manager
                .alter_table(
                    Table::alter()
                        .table("enterprise")
                        .add_column(&mut c)
                        .to_owned(),
                )
                .await?;
        }
        for t in tables() {
            manager.create_table(t).await?;
        }
        for i in [
            index("ux_financial_year", "financial", &["uscc", "year"], true),
            index("ix_financial_year", "financial", &["year"], false),
            index("ix_honor_uscc", "honor", &["uscc"], false),
            index(
                "ix_honor_title",
                "honor",
                &["title", "level", "status"],
                false,
            ),
            index(
                "ix_change_uscc",
                "enterprise_change",
                &["uscc", "status"],
                false,
            ),
            index(
                "ix_enterprise_industry",
                "enterprise",
                &["industry_code"],
                false,
            ),
            index(
                "ix_enterprise_county",
                "enterprise",
                &["county_code"],
                false,
            ),
        ] {
            manager.create_index(i).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for t in ["enterprise_change", "honor", "financial"] {
            manager
                .drop_table(Table::drop().table(t).to_owned())
                .await?;
        }
        for i in ["ix_enterprise_industry", "ix_enterprise_county"] {
            manager
                .drop_index(Index::drop().name(i).table("enterprise").to_owned())
                .await?;
        }
        for c in enterprise_columns() {
            let name = c.get_column_name();
            manager
                .alter_table(
                    Table::alter()
                        .table("enterprise")
                        .drop_column(name)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
