//! The rules for display names. A name is the one thing every participant
//! sees of everyone else, so it must not be able to hide (zero-width and
//! filler characters), reorder the text around it (bidirectional controls),
//! pass for someone else (Cyrillic or Greek letters inside a Latin word) or
//! pass for a role the meeting shows ("Victoria (host)").
//!
//! The web client applies the same rules to the names in MLS credentials
//! (`web/src/names.ts`); `tests/data/names.json` holds the names both sides
//! are tested against, so the two cannot drift apart unseen. Telling apart
//! two *different* names that look alike (the Latin "Ace" and the Cyrillic
//! "Асе") is left to the clients, which compare UTS #39 skeletons
//! ([`skeleton`]) and show a distinguishing mark: refusing them here would
//! let whoever joins first lock the other person out of their own name.

use std::sync::LazyLock;

use unicode_general_category::{GeneralCategory, get_general_category};
use unicode_normalization::UnicodeNormalization;
use unicode_security::MixedScript;

use crate::limits::MAX_NAME_CHARS;

/// Why a display name was refused. The message is shown to the person who
/// typed it, so it says what to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("a name is required")]
    Empty,
    #[error("a name has at most {MAX_NAME_CHARS} characters")]
    TooLong,
    #[error("a name cannot contain control characters or line breaks")]
    Control,
    #[error("a name cannot contain characters that change the direction of text (U+{:04X})", u32::from(*.0))]
    Bidi(char),
    #[error("a name cannot contain invisible characters (U+{:04X})", u32::from(*.0))]
    Invisible(char),
    #[error("a name cannot contain unassigned or private-use characters (U+{:04X})", u32::from(*.0))]
    Unassigned(char),
    #[error(
        "a name cannot start a word with a combining mark or stack more than {MAX_MARK_RUN} of them"
    )]
    Marks,
    #[error("a name needs at least one letter or digit")]
    NoLetter,
    #[error("\"{0}\" mixes alphabets that look alike (such as Latin and Cyrillic) in one word")]
    MixedScripts(String),
    #[error("a name cannot end in \"{0}\": roles are shown as marks beside names")]
    RoleMark(String),
}

impl NameError {
    /// A stable name for the rule that was broken, shared with the web
    /// client's `checkName` and the test fixture.
    pub fn rule(&self) -> &'static str {
        match self {
            NameError::Empty => "empty",
            NameError::TooLong => "too_long",
            NameError::Control => "control",
            NameError::Bidi(_) => "bidi",
            NameError::Invisible(_) => "invisible",
            NameError::Unassigned(_) => "unassigned",
            NameError::Marks => "marks",
            NameError::NoLetter => "no_letter",
            NameError::MixedScripts(_) => "mixed_scripts",
            NameError::RoleMark(_) => "role_mark",
        }
    }
}

/// Longest run of combining marks on one base. Vietnamese, Thai and Indic
/// names need two or three (after NFC composes what it can); stacks beyond
/// that are "Zalgo" text that spills over the rows above and below.
pub const MAX_MARK_RUN: usize = 4;

/// Roles and states the clients show beside a name. They are drawn as
/// marks, not text, but chat lines, screen readers and logs read names as
/// plain text, where "Victoria (host)" would still pass for the host; so a
/// name may not end in one of these in brackets. Narrow on purpose: "Anne
/// (Ministry of X)" stays a valid name.
pub const ROLE_WORDS: &[&str] = &[
    "host",
    "co-host",
    "cohost",
    "organiser",
    "organizer",
    "moderator",
    "admin",
    "you",
    "me",
    "muted",
    "camera off",
    "screen",
    "sharing screen",
    "speaking",
    "joining",
    "joining…",
];

/// Normalises a display name (NFC, trimmed, runs of spaces made one) and
/// checks it against the rules above; returns the name to use.
pub fn validate_name(raw: &str) -> Result<String, NameError> {
    let nfc: String = raw.nfc().collect();
    let trimmed = nfc.trim();
    if trimmed.is_empty() {
        return Err(NameError::Empty);
    }
    check_characters(trimmed)?;
    // Controls and separators are refused above, so what is left of
    // whitespace is spaces; one between words is all a name needs, and two
    // names differing only in spacing would look the same.
    let name = trimmed.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(NameError::TooLong);
    }
    if !name
        .chars()
        .any(|c| is_letter_or_number(get_general_category(c)))
    {
        return Err(NameError::NoLetter);
    }
    // Per word: "Дмитрий (Ministry of X)" is fine, "Pаypal" with a Cyrillic
    // а is not. Digits and punctuation are Common and fit any script; the
    // augmented sets of UTS #39 let Japanese mix Han, Hiragana and Katakana.
    if let Some(word) = name.split(' ').find(|w| !w.is_single_script()) {
        return Err(NameError::MixedScripts(word.to_owned()));
    }
    if let Some(role) = imitated_role(&name) {
        return Err(NameError::RoleMark(role));
    }
    Ok(name)
}

/// The UTS #39 skeleton: two names with the same skeleton look alike
/// (Latin "Ace" and Cyrillic "Асе", "rn" and "m", "l" and "I"). Clients
/// mark such names so their owners can be told apart.
pub fn skeleton(name: &str) -> String {
    unicode_security::skeleton(name).collect()
}

fn check_characters(name: &str) -> Result<(), NameError> {
    let mut previous: Option<GeneralCategory> = None;
    let mut mark_run = 0;
    for c in name.chars() {
        let category = get_general_category(c);
        match category {
            GeneralCategory::Control
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator => {
                return Err(NameError::Control);
            }
            _ if is_bidi_control(c) => return Err(NameError::Bidi(c)),
            GeneralCategory::PrivateUse
            | GeneralCategory::Unassigned
            | GeneralCategory::Surrogate => {
                return Err(NameError::Unassigned(c));
            }
            // A variation selector picks a glyph for the character before it
            // (an emoji's colour form, a kanji's variant in a family name);
            // with nothing visible before it, it is only a hidden difference.
            _ if is_variation_selector(c) => {
                if !previous.is_some_and(is_visible_base) {
                    return Err(NameError::Invisible(c));
                }
                // Neither a base nor a mark: leaves `previous` and the run as they are.
                continue;
            }
            _ if category == GeneralCategory::Format
                || is_default_ignorable(c)
                || is_blank_glyph(c) =>
            {
                return Err(NameError::Invisible(c));
            }
            GeneralCategory::NonspacingMark
            | GeneralCategory::SpacingMark
            | GeneralCategory::EnclosingMark => {
                mark_run += 1;
                let after_base = previous.is_some_and(|p| p != GeneralCategory::SpaceSeparator);
                if !after_base || mark_run > MAX_MARK_RUN {
                    return Err(NameError::Marks);
                }
            }
            _ => mark_run = 0,
        }
        previous = Some(category);
    }
    Ok(())
}

/// Explicit direction marks, embeddings, overrides and isolates: they make
/// "evil\u{202E}gnp.exe" read as "evilexe.png", and can flip the text after
/// the name in a roster row.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn is_variation_selector(c: char) -> bool {
    matches!(
        c,
        '\u{180B}'..='\u{180D}' | '\u{180F}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}'
    )
}

/// Default_Ignorable_Code_Point: characters fonts draw as nothing, such as
/// the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), the combining
/// grapheme joiner and the tag characters. unicode-security keeps its table
/// of them private, but its skeleton drops exactly these and maps every
/// other character to at least one, so an empty skeleton is the test.
fn is_default_ignorable(c: char) -> bool {
    let mut buf = [0; 4];
    unicode_security::skeleton(c.encode_utf8(&mut buf))
        .next()
        .is_none()
}

/// Visible-category characters that render blank: the braille pattern with
/// no dots is a symbol (So), not a space, and so passes every other test.
fn is_blank_glyph(c: char) -> bool {
    c == '\u{2800}'
}

fn is_letter_or_number(category: GeneralCategory) -> bool {
    matches!(
        category,
        GeneralCategory::UppercaseLetter
            | GeneralCategory::LowercaseLetter
            | GeneralCategory::TitlecaseLetter
            | GeneralCategory::ModifierLetter
            | GeneralCategory::OtherLetter
            | GeneralCategory::DecimalNumber
            | GeneralCategory::LetterNumber
            | GeneralCategory::OtherNumber
    )
}

fn is_visible_base(category: GeneralCategory) -> bool {
    is_letter_or_number(category)
        || matches!(
            category,
            GeneralCategory::MathSymbol
                | GeneralCategory::CurrencySymbol
                | GeneralCategory::ModifierSymbol
                | GeneralCategory::OtherSymbol
        )
}

/// The role a name imitates, if it ends in one in brackets. Compared by
/// skeleton, lower-cased and without spaces, so "( HOST )", "(hоst)" with a
/// Cyrillic о, and full-width brackets are all caught.
fn imitated_role(name: &str) -> Option<String> {
    let tail = comparable(name);
    ROLE_MARKS
        .iter()
        .find(|(_, comparable_mark)| tail.ends_with(comparable_mark.as_str()))
        .map(|(mark, _)| mark.clone())
}

/// Each role mark ("(host)", "[host]", …) with its comparable form, made
/// once: every name checked (each member checks every introduction it is
/// sent, a thousand in a large meeting) would otherwise take the skeleton
/// of all of them again.
static ROLE_MARKS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
    ROLE_WORDS
        .iter()
        .flat_map(|word| ["({word})", "[{word}]"].map(|shape| shape.replace("{word}", word)))
        .map(|mark| {
            let comparable_mark = comparable(&mark);
            (mark, comparable_mark)
        })
        .collect()
});

fn comparable(text: &str) -> String {
    skeleton(&text.to_lowercase())
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(raw: &str) -> &'static str {
        match validate_name(raw) {
            Ok(_) => "accepted",
            Err(e) => e.rule(),
        }
    }

    #[test]
    fn names_are_normalised_trimmed_and_bounded() {
        assert_eq!(validate_name("  Ada  ").as_deref(), Ok("Ada"));
        assert_eq!(
            validate_name("Ada   Lovelace").as_deref(),
            Ok("Ada Lovelace")
        );
        // "e" + combining acute becomes the one precomposed "é".
        assert_eq!(validate_name("Jose\u{301}").as_deref(), Ok("José"));
        assert_eq!(rule("   "), "empty");
        assert_eq!(rule(&"x".repeat(MAX_NAME_CHARS + 1)), "too_long");
        assert_eq!(rule(&"é".repeat(MAX_NAME_CHARS)), "accepted");
    }

    #[test]
    fn a_name_made_only_of_zero_width_characters_is_refused() {
        assert_eq!(rule("\u{200B}\u{200B}\u{200B}"), "invisible");
        assert_eq!(rule("\u{200C}\u{200D}\u{2060}\u{FEFF}"), "invisible");
        // Hidden inside a real name, they make two "Ada"s differ unseen.
        assert_eq!(rule("A\u{200B}da"), "invisible");
        assert_eq!(rule("Ad\u{AD}a"), "invisible");
    }

    #[test]
    fn right_to_left_overrides_and_other_direction_controls_are_refused() {
        for c in [
            '\u{202E}', '\u{202D}', '\u{202A}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
            '\u{200E}', '\u{200F}', '\u{061C}',
        ] {
            assert_eq!(
                rule(&format!("Eve{c}tsoh")),
                "bidi",
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn invisible_fillers_and_tag_characters_are_refused() {
        for filler in [
            '\u{3164}', '\u{115F}', '\u{1160}', '\u{FFA0}', '\u{2800}', '\u{034F}',
        ] {
            assert_eq!(
                rule(&format!("{filler}")),
                "invisible",
                "U+{:04X} alone",
                u32::from(filler)
            );
            assert_eq!(
                rule(&format!("Ada{filler}")),
                "invisible",
                "U+{:04X} after a name",
                u32::from(filler)
            );
        }
        assert_eq!(rule("Ada\u{E0041}\u{E0042}"), "invisible");
        assert_eq!(rule("\u{FE0F}"), "invisible");
        assert_eq!(rule("Ada \u{FE0F}"), "invisible");
    }

    #[test]
    fn control_characters_and_line_breaks_are_refused() {
        assert_eq!(rule("Eve\nAdmin: joined"), "control");
        assert_eq!(rule("Eve\u{2028}Admin"), "control");
        assert_eq!(rule("Eve\u{85}Admin"), "control");
        assert_eq!(rule("Eve\tAdmin"), "control");
    }

    #[test]
    fn unassigned_and_private_use_characters_are_refused() {
        assert_eq!(rule("Ada\u{E000}"), "unassigned");
        assert_eq!(rule("Ada\u{10FFFD}"), "unassigned");
        assert_eq!(rule("Ada\u{0378}"), "unassigned");
    }

    #[test]
    fn stacked_and_loose_combining_marks_are_refused() {
        assert_eq!(rule("\u{301}Ada"), "marks");
        assert_eq!(rule("Ada \u{301}"), "marks");
        assert_eq!(
            rule(&format!("Z{}", "\u{336}\u{337}\u{338}\u{33F}\u{346}")),
            "marks"
        );
    }

    #[test]
    fn a_cyrillic_or_greek_letter_inside_a_latin_word_is_refused() {
        assert_eq!(
            validate_name("P\u{430}ypal"),
            Err(NameError::MixedScripts("P\u{430}ypal".into()))
        );
        assert_eq!(rule("Vict\u{43E}ria"), "mixed_scripts");
        assert_eq!(rule("\u{391}lice"), "mixed_scripts");
        // Different words may be in different scripts.
        assert_eq!(rule("Дмитрий (Ministry of X)"), "accepted");
    }

    #[test]
    fn a_name_ending_in_a_role_mark_is_refused() {
        assert_eq!(
            validate_name("Victoria (host)"),
            Err(NameError::RoleMark("(host)".into()))
        );
        assert_eq!(rule("Victoria ( HOST )"), "role_mark");
        // A Cyrillic о in "host" is caught as a mixed-script word first.
        assert_eq!(rule("Victoria (h\u{43E}st)"), "mixed_scripts");
        assert_eq!(rule("Victoria [you]"), "role_mark");
        assert_eq!(rule("Victoria\u{FF08}host\u{FF09}"), "role_mark");
        assert_eq!(rule("Victoria (hostess)"), "accepted");
        assert_eq!(rule("Host Smith"), "accepted");
    }

    #[test]
    fn names_without_a_letter_or_digit_are_refused() {
        assert_eq!(rule("..."), "no_letter");
        assert_eq!(rule("★"), "no_letter");
        assert_eq!(rule("R2-D2"), "accepted");
    }

    #[test]
    fn real_names_in_many_scripts_are_accepted() {
        for name in [
            "José Álvarez",
            "Ærø",
            "Дмитрий Иванов",
            "李小龍",
            "محمد",
            "O'Brien-Smith",
            "Anne-Marie (Ministry of X)",
            "Nguyễn Thị Minh Khai",
            "田中 たろう",
            "김민준",
            "Σωκράτης",
            "श्रीनिवास",
            "ราชา",
            "Sam 🎉",
            "Ana ❤\u{FE0F}",
        ] {
            assert_eq!(validate_name(name).as_deref(), Ok(name), "{name}");
        }
    }

    #[test]
    fn look_alike_names_share_a_skeleton() {
        assert_eq!(skeleton("Ada"), skeleton("\u{410}d\u{430}"));
        assert_eq!(skeleton("rn"), skeleton("m"));
        assert_ne!(skeleton("Ada"), skeleton("Bob"));
    }

    #[test]
    fn errors_say_which_character() {
        assert_eq!(
            NameError::Bidi('\u{202E}').to_string(),
            "a name cannot contain characters that change the direction of text (U+202E)"
        );
    }
}
