//! The floor of an xlsx import: calamine alone reading a file, with nothing else done.
//!
//! Reads the file into memory, opens it with calamine the way `app::io::read` does
//! (`open_workbook_auto_from_rs`, first sheet), and visits every cell, counting rows, cells
//! and non-empty cells so that nothing is optimised away. Prints the wall time of each step.
//!
//! Usage: `cargo run --release -p app --example calamine_floor -- FILE.xlsx [REPEAT]`
//! (a benchmark helper for `scripts/bench/registry.sh`; see BENCHMARKS.md).

use calamine::{Data, Reader};
use std::io::Cursor;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: calamine_floor FILE.xlsx [REPEAT]")?;
    let repeat: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(3);
    for run in 1..=repeat {
        let started = Instant::now();
        let bytes = std::fs::read(&path)?;
        let read = started.elapsed();
        let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))?;
        let range = book
            .worksheet_range_at(0)
            .ok_or("the workbook has no sheet")??;
        let parsed = started.elapsed();
        let (mut rows, mut cells, mut filled, mut text_bytes) = (0usize, 0usize, 0usize, 0usize);
        for row in range.rows() {
            rows += 1;
            for cell in row {
                cells += 1;
                match cell {
                    Data::Empty => {}
                    Data::String(s) => {
                        filled += 1;
                        text_bytes += s.len();
                    }
                    _ => filled += 1,
                }
            }
        }
        let total = started.elapsed();
        println!(
            "run {run}: {rows} rows, {cells} cells ({filled} non-empty, {text_bytes} bytes of text); \
             file read {:.3}s, calamine open+parse {:.3}s, cell walk {:.3}s, total {:.3}s",
            read.as_secs_f64(),
            (parsed - read).as_secs_f64(),
            (total - parsed).as_secs_f64(),
            total.as_secs_f64()
        );
    }
    Ok(())
}
