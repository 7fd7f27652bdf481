//! Keeps what each ticket's clock comes to on its row (`policy::service::ClockOutcome`): the
//! running deadline, the working days left while paused, on time and working days once done,
//! the escalation level and the latest rating, and the basis they were computed on (rule-set
//! version and calendar stamp; empty = not yet). Lists, deadline counts and reports over a
//! province then read columns instead of folding every event log; the application derives
//! them from the log and re-derives them when the basis changes, so existing tickets are
//! filled in by the first reader after this migration.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

/// Adds the clock columns to `ticket`.
pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261126_000060_ticket_clock"
    }
}

fn columns() -> Vec<ColumnDef> {
    vec![
        date_null("clock_due_on"),
        integer_null("clock_paused_left"),
        boolean_null("clock_on_time"),
        integer_null("clock_working_days"),
        small_integer("clock_escalation").default(0).to_owned(),
        string_null("clock_rating"),
        string("clock_basis").default("").to_owned(),
    ]
}

/// Deadline ranges and pauses, with the region so that a county's counts stay in the index.
const INDEXES: [(&str, &[&str]); 3] = [
    ("ix_ticket_clock_due", &["clock_due_on", "region_code"]),
    (
        "ix_ticket_clock_paused",
        &["clock_paused_left", "region_code"],
    ),
    ("ix_ticket_clock_basis", &["clock_basis"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column a statement: SQLite alters one at a time.
        for mut c in columns() {
            manager
                .alter_table(Table::alter().table("ticket").add_column(&mut c).to_owned())
                .await?;
        }
        for (name, cols) in INDEXES {
            let mut i = Index::create();
            i.name(name).table("ticket");
            for c in cols {
                i.col(*c);
            }
            manager.create_index(i.to_owned()).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, _) in INDEXES {
            manager
                .drop_index(Index::drop().name(name).table("ticket").to_owned())
                .await?;
        }
        for c in columns() {
            let name = c.get_column_name();
            manager
                .alter_table(
                    Table::alter()
                        .table("ticket")
                        .drop_column(Alias::new(name))
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
