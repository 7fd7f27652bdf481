//! The matching's ranking quality on the labelled set in `data/matching.toml`, and its speed
//! over 100,000 team profiles (ignored by default: run it on a release build).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[cfg(test)]
mod tests {
    use search::{MatchIndex, MatchQuery, ProfileDoc, ProfileKind};
    use serde::Deserialize;
    use std::time::Instant;

    #[derive(Deserialize)]
    struct Team {
        id: i64,
        title: String,
        text: String,
        tags: Vec<String>,
        completed: u32,
        patents: u32,
        free: i32,
    }

    #[derive(Deserialize)]
    struct Challenge {
        title: String,
        text: String,
        tags: Vec<String>,
        relevant: Vec<i64>,
    }

    #[derive(Deserialize)]
    struct Set {
        team: Vec<Team>,
        challenge: Vec<Challenge>,
    }

    fn labelled() -> Set {
        toml::from_str(include_str!("data/matching.toml")).unwrap()
    }

    fn index_of(teams: &[Team]) -> MatchIndex {
        let index = MatchIndex::in_memory(ProfileKind::Team).unwrap();
        for t in teams {
            index
                .upsert(&ProfileDoc {
                    id: t.id,
                    title: t.title.clone(),
                    text: t.text.clone(),
                    tags: t.tags.clone(),
                    completed: t.completed,
                    patents: t.patents,
                    free_capacity: t.free,
                })
                .unwrap();
        }
        index.commit(1).unwrap();
        index
    }

    #[test]
    fn the_ranking_puts_the_relevant_teams_first_on_the_labelled_set() {
        let set = labelled();
        let index = index_of(&set.team);
        let (mut rr_sum, mut p3_sum, mut recall5_sum) = (0.0, 0.0, 0.0);
        for c in &set.challenge {
            let ranked = index
                .rank(&MatchQuery {
                    text: format!("{}\n{}", c.title, c.text),
                    tags: c.tags.clone(),
                    limit: 5,
                    exclude: Vec::new(),
                })
                .unwrap();
            let ids: Vec<i64> = ranked.iter().map(|m| m.id).collect();
            let first = ids.iter().position(|id| c.relevant.contains(id));
            rr_sum += first.map(|p| 1.0 / (p as f64 + 1.0)).unwrap_or(0.0);
            let hits3 = ids
                .iter()
                .take(3)
                .filter(|id| c.relevant.contains(id))
                .count();
            p3_sum += hits3 as f64 / c.relevant.len().min(3) as f64;
            let hits5 = ids.iter().filter(|id| c.relevant.contains(id)).count();
            recall5_sum += hits5 as f64 / c.relevant.len() as f64;
            // Every result names why it is there.
            for m in &ranked {
                assert!(
                    !m.matched_words.is_empty() || !m.shared_tags.is_empty(),
                    "{}: team {} without a reason",
                    c.title,
                    m.id
                );
            }
        }
        let n = set.challenge.len() as f64;
        let (mrr, p3, recall5) = (rr_sum / n, p3_sum / n, recall5_sum / n);
        println!(
            "labelled set: {} challenges, MRR {mrr:.3}, P@3 (of the relevant) {p3:.3}, recall@5 {recall5:.3}",
            set.challenge.len()
        );
        assert!(mrr >= 0.9, "MRR {mrr:.3}");
        assert!(recall5 >= 0.95, "recall@5 {recall5:.3}");
        assert!(p3 >= 0.9, "P@3 {p3:.3}");
    }

    #[test]
    fn a_full_team_ranks_below_an_equal_one_with_room_and_excluded_teams_are_left_out() {
        let set = labelled();
        let mut teams = set.team;
        // Team 7's twin with free capacity.
        let mut twin = Team {
            id: 99,
            title: teams[6].title.clone(),
            text: teams[6].text.clone(),
            tags: teams[6].tags.clone(),
            completed: teams[6].completed,
            patents: teams[6].patents,
            free: 1,
        };
        twin.title.push_str("二组");
        teams.push(twin);
        let index = index_of(&teams);
        let q = MatchQuery {
            text: "工厂制造执行系统与数字孪生排产".into(),
            tags: vec!["工业软件".into()],
            limit: 3,
            exclude: Vec::new(),
        };
        let ranked = index.rank(&q).unwrap();
        let pos = |id| ranked.iter().position(|m| m.id == id).unwrap();
        assert!(pos(99) < pos(7), "{ranked:?}");
        assert_eq!(ranked[pos(7)].capacity, 0.0);
        let ranked = index
            .rank(&MatchQuery {
                exclude: vec![99],
                ..q
            })
            .unwrap();
        assert!(ranked.iter().all(|m| m.id != 99));
    }

    /// Synthetic profiles: a vocabulary of fields, each team a few of them.
    fn synthetic(n: usize) -> Vec<ProfileDoc> {
        const TOPICS: &[(&str, &str)] = &[
            ("铝合金", "铝合金挤压 热处理 型材 轻量化"),
            ("激光", "激光切割 焊接 熔覆 光纤激光器"),
            ("化工", "催化剂 精细化学品 氯碱 合成工艺"),
            ("机器视觉", "视觉检测 缺陷识别 深度学习 图像"),
            ("食品", "肉制品 保鲜 冷链 发酵"),
            ("功能玻璃", "镀膜玻璃 减反射 涂层 强化"),
            ("工业软件", "制造执行系统 数字孪生 排产 数据采集"),
            ("轴承", "滚动轴承 润滑 摩擦磨损 寿命预测"),
            ("铸造", "砂型铸造 造型线 铸件缺陷 消失模"),
            ("水处理", "废水 氧化 膜分离 污泥"),
            ("电池", "正极材料 电池回收 储能 热管理"),
            ("光纤", "光纤光缆 光通信 器件封装 传感"),
            ("电磁兼容", "车载电子 电磁兼容 可靠性 防水"),
            ("塑料", "薄膜 共混改性 可降解 橡胶"),
            ("机器人", "焊接机器人 码垛 离线编程 视觉引导"),
        ];
        (0..n)
            .map(|i| {
                let a = TOPICS[i % TOPICS.len()];
                let b = TOPICS[(i / TOPICS.len() + i * 7) % TOPICS.len()];
                ProfileDoc {
                    id: i as i64 + 1,
                    title: format!("第{i}号{}研究团队", a.0),
                    text: format!(
                        "团队长期从事{}研究，兼顾{}，承担过多项企业委托项目。",
                        a.1, b.1
                    ),
                    tags: vec![a.0.to_string(), b.0.to_string()],
                    completed: (i % 4) as u32,
                    patents: (i % 23) as u32,
                    free_capacity: (i % 3) as i32 - 1,
                }
            })
            .collect()
    }

    /// `cargo test -p search --release --test matching -- --ignored --nocapture`
    /// (`scripts/bench-matching.sh` runs it).
    #[test]
    #[ignore = "a benchmark: run on a release build"]
    fn bench_rank_100000_team_profiles_for_one_challenge() {
        let n = 100_000;
        let index = MatchIndex::in_memory(ProfileKind::Team).unwrap();
        let t0 = Instant::now();
        for d in synthetic(n) {
            index.upsert(&d).unwrap();
        }
        index.commit(1).unwrap();
        let build = t0.elapsed();
        let q = MatchQuery {
            text: "铸造产线需要在线识别铸件表面气孔、砂眼等缺陷，检出率 95% 以上，与现有造型线对接，采用视觉检测与深度学习".into(),
            tags: vec!["机器视觉".into(), "铸造".into()],
            limit: 20,
            exclude: Vec::new(),
        };
        // Warm up, then the median of 21 runs.
        index.rank(&q).unwrap();
        let mut times = Vec::new();
        for _ in 0..21 {
            let t = Instant::now();
            let ranked = index.rank(&q).unwrap();
            times.push(t.elapsed());
            assert_eq!(ranked.len(), 20);
        }
        times.sort();
        let median = times[times.len() / 2];
        println!(
            "matching bench: {n} team profiles indexed in {:.1} s; rank one challenge: median {:.2} ms, max {:.2} ms",
            build.as_secs_f64(),
            median.as_secs_f64() * 1e3,
            times[times.len() - 1].as_secs_f64() * 1e3
        );
        assert!(median.as_millis() < 50, "median {median:?}");
    }
}
