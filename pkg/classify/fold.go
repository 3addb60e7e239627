package classify

import (
	"strings"
	"unicode"
)

// foldLatin returns the plain letters of a lower-case Latin letter with diacritics ("é" is
// "e", "ł" is "l", "ß" is "ss"), and false for any other rune. Many SIP stacks and
// configurations write phrases in ASCII ("Numero non attribue", "Contrasena incorrecta"), so
// phrases, keywords and patterns are all read without diacritics. A Greek final sigma is
// written as the sigma that a capital one lower-cases to ("ΣΦΆΛΜΑ ΒΆΣΗΣ" is "σφάλμα βάσησ").
func foldLatin(r rune) (string, bool) {
	switch r {
	case 'ς':
		return "σ", true
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ă', 'ą', 'ǎ', 'ǟ', 'ǡ', 'ǻ', 'ȁ', 'ȃ', 'ȧ', 'ḁ', 'ạ', 'ả', 'ấ', 'ầ', 'ẩ', 'ẫ', 'ậ', 'ắ', 'ằ', 'ẳ', 'ẵ', 'ặ':
		return "a", true
	case 'æ':
		return "ae", true
	case 'ḃ', 'ḅ', 'ḇ':
		return "b", true
	case 'ç', 'ć', 'ĉ', 'ċ', 'č', 'ḉ':
		return "c", true
	case 'ð', 'ď', 'đ', 'ḋ', 'ḍ', 'ḏ', 'ḑ', 'ḓ':
		return "d", true
	case 'è', 'é', 'ê', 'ë', 'ē', 'ĕ', 'ė', 'ę', 'ě', 'ȅ', 'ȇ', 'ȩ', 'ḕ', 'ḗ', 'ḙ', 'ḛ', 'ḝ', 'ẹ', 'ẻ', 'ẽ', 'ế', 'ề', 'ể', 'ễ', 'ệ':
		return "e", true
	case 'ḟ':
		return "f", true
	case 'ĝ', 'ğ', 'ġ', 'ģ', 'ǧ', 'ǵ', 'ḡ':
		return "g", true
	case 'ĥ', 'ħ', 'ȟ', 'ḣ', 'ḥ', 'ḧ', 'ḩ', 'ḫ', 'ẖ':
		return "h", true
	case 'ì', 'í', 'î', 'ï', 'ĩ', 'ī', 'ĭ', 'į', 'ı', 'ǐ', 'ȉ', 'ȋ', 'ḭ', 'ḯ', 'ỉ', 'ị':
		return "i", true
	case 'ĵ', 'ǰ':
		return "j", true
	case 'ķ', 'ǩ', 'ḱ', 'ḳ', 'ḵ':
		return "k", true
	case 'ĺ', 'ļ', 'ľ', 'ŀ', 'ł', 'ḷ', 'ḹ', 'ḻ', 'ḽ':
		return "l", true
	case 'ḿ', 'ṁ', 'ṃ':
		return "m", true
	case 'ñ', 'ń', 'ņ', 'ň', 'ǹ', 'ṅ', 'ṇ', 'ṉ', 'ṋ':
		return "n", true
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ŏ', 'ő', 'ơ', 'ǒ', 'ǫ', 'ǭ', 'ȍ', 'ȏ', 'ȫ', 'ȭ', 'ȯ', 'ȱ', 'ṍ', 'ṏ', 'ṑ', 'ṓ', 'ọ', 'ỏ', 'ố', 'ồ', 'ổ', 'ỗ', 'ộ', 'ớ', 'ờ', 'ở', 'ỡ', 'ợ':
		return "o", true
	case 'œ':
		return "oe", true
	case 'ṕ', 'ṗ':
		return "p", true
	case 'ŕ', 'ŗ', 'ř', 'ȑ', 'ȓ', 'ṙ', 'ṛ', 'ṝ', 'ṟ':
		return "r", true
	case 'ś', 'ŝ', 'ş', 'š', 'ș', 'ṡ', 'ṣ', 'ṥ', 'ṧ', 'ṩ':
		return "s", true
	case 'ß':
		return "ss", true
	case 'ţ', 'ť', 'ŧ', 'ț', 'ṫ', 'ṭ', 'ṯ', 'ṱ', 'ẗ':
		return "t", true
	case 'þ':
		return "th", true
	case 'ù', 'ú', 'û', 'ü', 'ũ', 'ū', 'ŭ', 'ů', 'ű', 'ų', 'ư', 'ǔ', 'ǖ', 'ǘ', 'ǚ', 'ǜ', 'ȕ', 'ȗ', 'ṳ', 'ṵ', 'ṷ', 'ṹ', 'ṻ', 'ụ', 'ủ', 'ứ', 'ừ', 'ử', 'ữ', 'ự':
		return "u", true
	case 'ṽ', 'ṿ':
		return "v", true
	case 'ŵ', 'ẁ', 'ẃ', 'ẅ', 'ẇ', 'ẉ', 'ẘ':
		return "w", true
	case 'ẋ', 'ẍ':
		return "x", true
	case 'ý', 'ÿ', 'ŷ', 'ȳ', 'ẏ', 'ẙ', 'ỳ', 'ỵ', 'ỷ', 'ỹ':
		return "y", true
	case 'ź', 'ż', 'ž', 'ẑ', 'ẓ', 'ẕ':
		return "z", true
	}
	return "", false
}

// foldPattern writes a phrase pattern's Latin letters without their diacritics, as Normalize
// writes the phrases it runs on.
func foldPattern(pattern string) string {
	var b strings.Builder
	folded := false
	for i, r := range pattern {
		f, ok := foldLatin(unicode.ToLower(r))
		switch {
		case ok && !folded:
			folded = true
			b.Grow(len(pattern))
			b.WriteString(pattern[:i])
			b.WriteString(f)
		case ok:
			b.WriteString(f)
		case folded:
			b.WriteRune(r)
		}
	}
	if !folded {
		return pattern
	}
	return b.String()
}
