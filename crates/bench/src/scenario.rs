//! The load shapes the harness runs: who is in which meeting and what each
//! one sends.

use crate::sim::Sends;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScenarioName {
    /// One camera and microphone, everyone else watching: a lecture.
    BigMeeting,
    /// Many meetings of four, everyone on camera: a school's tutorials.
    SmallMeetings,
    /// Three speakers, hundreds listening, no video: a town hall call.
    AudioHeavy,
    /// One meeting of 25, everyone on camera: a class.
    #[value(name = "video-25")]
    #[serde(rename = "video-25")]
    Video25,
}

impl ScenarioName {
    pub fn as_str(self) -> &'static str {
        match self {
            ScenarioName::BigMeeting => "big-meeting",
            ScenarioName::SmallMeetings => "small-meetings",
            ScenarioName::AudioHeavy => "audio-heavy",
            ScenarioName::Video25 => "video-25",
        }
    }
}

/// Meetings, each a list of participants by what they send.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: ScenarioName,
    pub meetings: Vec<Vec<Sends>>,
}

const BOTH: Sends = Sends {
    audio: true,
    video: true,
};
const AUDIO: Sends = Sends {
    audio: true,
    video: false,
};
const NOTHING: Sends = Sends {
    audio: false,
    video: false,
};

impl Scenario {
    /// `size` scales the scenario: receivers of the big meeting, meetings
    /// of four, listeners of the audio call, members of the video meeting.
    /// The defaults load this 2-core machine without saturating the load
    /// generator that shares it.
    pub fn new(name: ScenarioName, size: Option<usize>) -> Self {
        let meetings = match name {
            ScenarioName::BigMeeting => {
                let receivers = size.unwrap_or(100);
                vec![
                    std::iter::once(BOTH)
                        .chain(std::iter::repeat_n(NOTHING, receivers))
                        .collect(),
                ]
            }
            ScenarioName::SmallMeetings => {
                vec![vec![BOTH; 4]; size.unwrap_or(10)]
            }
            ScenarioName::AudioHeavy => {
                let listeners = size.unwrap_or(200);
                vec![
                    std::iter::repeat_n(AUDIO, 3)
                        .chain(std::iter::repeat_n(NOTHING, listeners))
                        .collect(),
                ]
            }
            ScenarioName::Video25 => vec![vec![BOTH; size.unwrap_or(25)]],
        };
        Self { name, meetings }
    }

    pub fn participants(&self) -> usize {
        self.meetings.iter().map(Vec::len).sum()
    }

    /// Participants who receive anything: everyone in a meeting with at
    /// least one sender other than themselves.
    pub fn subscribers(&self) -> usize {
        self.meetings
            .iter()
            .map(|m| {
                let senders = m.iter().filter(|s| s.audio || s.video).count();
                m.iter()
                    .filter(|s| senders > usize::from(s.audio || s.video))
                    .count()
            })
            .sum()
    }

    /// Subscribed tracks: each receiver times each other sender's tracks.
    pub fn subscribed_tracks(&self) -> usize {
        self.meetings
            .iter()
            .map(|m| {
                let tracks = |s: &Sends| usize::from(s.audio) + usize::from(s.video);
                let all: usize = m.iter().map(tracks).sum();
                m.iter().map(|s| all - tracks(s)).sum::<usize>()
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_ones_scripts_use() {
        use clap::ValueEnum as _;
        let names: Vec<String> = ScenarioName::value_variants()
            .iter()
            .map(|v| v.to_possible_value().unwrap().get_name().to_owned())
            .collect();
        assert_eq!(
            names,
            ["big-meeting", "small-meetings", "audio-heavy", "video-25"]
        );
        for v in ScenarioName::value_variants() {
            assert_eq!(v.to_possible_value().unwrap().get_name(), v.as_str());
        }
    }

    #[test]
    fn shapes_count_what_they_say() {
        let big = Scenario::new(ScenarioName::BigMeeting, Some(10));
        assert_eq!(big.participants(), 11);
        assert_eq!(big.subscribers(), 10);
        assert_eq!(big.subscribed_tracks(), 20);
        let small = Scenario::new(ScenarioName::SmallMeetings, Some(3));
        assert_eq!(small.participants(), 12);
        assert_eq!(small.subscribers(), 12);
        assert_eq!(small.subscribed_tracks(), 3 * 4 * 6);
        let audio = Scenario::new(ScenarioName::AudioHeavy, Some(5));
        assert_eq!(audio.subscribers(), 8);
        assert_eq!(audio.subscribed_tracks(), 5 * 3 + 3 * 2);
    }
}
