//! Evaluation meetings (述职评议): the rating scale and the tally of one person who reported.

use serde::{Deserialize, Serialize};

/// How attendees rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingScale {
    /// 好 / 较好 / 一般 / 差.
    Grade,
    /// A score from 0 to 100.
    Score,
}

impl MeetingScale {
    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingScale::Grade => "grade",
            MeetingScale::Score => "score",
        }
    }

    /// Parses the stored code.
    pub fn parse(s: &str) -> Option<MeetingScale> {
        match s.trim() {
            "grade" => Some(MeetingScale::Grade),
            "score" => Some(MeetingScale::Score),
            _ => None,
        }
    }
}

/// One grade of the 好 / 较好 / 一般 / 差 scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 好.
    Good,
    /// 较好.
    FairlyGood,
    /// 一般.
    Fair,
    /// 差.
    Poor,
}

impl Grade {
    /// Every grade, best first.
    pub const ALL: [Grade; 4] = [Grade::Good, Grade::FairlyGood, Grade::Fair, Grade::Poor];

    /// The stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::Good => "good",
            Grade::FairlyGood => "fairly_good",
            Grade::Fair => "fair",
            Grade::Poor => "poor",
        }
    }

    /// Parses the stored code.
    pub fn parse(s: &str) -> Option<Grade> {
        Grade::ALL.into_iter().find(|g| g.as_str() == s.trim())
    }
}

/// The counted ratings of one person.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SubjectTally {
    /// 好.
    pub good: u32,
    /// 较好.
    pub fairly_good: u32,
    /// 一般.
    pub fair: u32,
    /// 差.
    pub poor: u32,
    /// Sum of scores (score scale).
    pub score_sum: u64,
    /// Scores given (score scale).
    pub score_count: u32,
}

impl SubjectTally {
    /// Ratings given on the grade scale.
    pub fn graded(&self) -> u32 {
        self.good + self.fairly_good + self.fair + self.poor
    }

    /// The share of 好 and 较好 among the grades, in per mille (exact, rounded half up);
    /// `None` with no grade.
    pub fn approval_permille(&self) -> Option<u32> {
        let n = u64::from(self.graded());
        if n == 0 {
            return None;
        }
        let yes = u64::from(self.good + self.fairly_good);
        Some(((yes * 2000 + n) / (2 * n)) as u32)
    }

    /// The average score in hundredths (exact, rounded half up); `None` with no score.
    pub fn average_centi(&self) -> Option<u64> {
        let n = u64::from(self.score_count);
        (n > 0).then(|| (self.score_sum * 200 + n) / (2 * n))
    }
}
