package classify

import "strings"

// Phrases often open with a heading that only restates the code, in the language of whoever
// wrote them, and name the cause after a colon or a dash: "Prohibido: número marcado
// incompleto", "Besetzt – Anruf vom Teilnehmer abgewiesen", "Accesso negato: il chiamato ha
// rifiutato la chiamata". The code's own standard phrase in that place is read past already
// (detail); a heading in other words is not, and its word decides before the cause is read.
// So when the phrase as a whole reads as no more than its code's default, and it opens with
// one of the plain statuses below, what follows the heading is read alone, and its reading
// is taken when a rule gives it and it names something other than the code's default. Only
// plain statuses count as headings: a heading that names a cause ("Número incompleto:",
// "User Busy -") is followed by details of that cause, whose incidental words ("plan de
// numeración", "routed via") must not decide: reading past any heading of up to five words
// turned 4 labelled phrases right and 10 wrong; past plain statuses only, 4 right and none
// wrong.

// plainStatuses are headings that say only that a request failed, was refused, or that the
// callee is busy or unavailable, in lower case with their diacritics. The phrase as written
// is looked up lower-cased; its normalised form, whose Latin diacritics Normalize folds
// ("occupé" is "occupe"), in foldedPlainStatuses too.
var plainStatuses = map[string]bool{
	// refused, forbidden
	"forbidden": true, "prohibido": true, "proibido": true, "interdit": true, "verboten": true, "vietato": true,
	"verboden": true, "zabronione": true, "zakázáno": true, "запрещено": true, "заборонено": true, "yasak": true,
	"access denied": true, "acceso denegado": true, "acesso negado": true, "accès refusé": true, "zugriff verweigert": true,
	"accesso negato": true, "toegang geweigerd": true, "odmowa dostępu": true, "доступ запрещён": true, "доступ запрещен": true,
	"доступ заборонено": true, "erişim reddedildi": true,
	// rejected, declined
	"rejected": true, "declined": true, "refused": true, "call rejected": true, "rechazada": true, "rechazado": true,
	"llamada rechazada": true, "recusada": true, "recusado": true, "chamada recusada": true, "refusé": true, "refusée": true,
	"appel refusé": true, "abgelehnt": true, "anruf abgelehnt": true, "rifiutata": true, "rifiutato": true,
	"chiamata rifiutata": true, "geweigerd": true, "afgewezen": true, "oproep geweigerd": true, "odrzucone": true,
	"odrzucono": true, "połączenie odrzucone": true, "отклонено": true, "вызов отклонён": true, "вызов отклонен": true,
	"відхилено": true, "reddedildi": true,
	// busy
	"busy": true, "ocupado": true, "occupé": true, "besetzt": true, "occupato": true, "bezet": true, "zajęte": true,
	"zajęty": true, "obsazeno": true, "занято": true, "зайнято": true, "meşgul": true,
	// unavailable, not reachable
	"unavailable": true, "not available": true, "no disponible": true, "indisponible": true, "indisponível": true,
	"nicht erreichbar": true, "nicht verfügbar": true, "non disponibile": true, "niet beschikbaar": true,
	"niedostępny": true, "nedostupné": true, "недоступен": true, "недоступно": true, "недоступний": true,
	"temporalmente no disponible": true, "temporariamente indisponível": true, "temporairement indisponible": true,
	"vorübergehend nicht erreichbar": true, "vorübergehend nicht verfügbar": true, "temporaneamente non disponibile": true,
	"tijdelijk niet beschikbaar": true, "tymczasowo niedostępny": true, "временно недоступен": true,
	"тимчасово недоступний": true,
	// service unavailable
	"servicio no disponible": true, "serviço indisponível": true, "service indisponible": true,
	"dienst nicht verfügbar": true, "servizio non disponibile": true, "dienst niet beschikbaar": true,
	"usługa niedostępna": true, "сервис недоступен": true, "служба недоступна": true, "сервіс недоступний": true,
	// not found
	"no encontrado": true, "não encontrado": true, "introuvable": true, "nicht gefunden": true, "non trovato": true,
	"niet gevonden": true, "nie znaleziono": true, "не найдено": true, "не знайдено": true, "bulunamadı": true,
	// the standard phrases of other codes, and variants of them, that say no more than a
	// status ("Internal Server Error - routing table has no entry")
	"internal server error": true, "internal error": true, "server internal error": true, "server error": true,
	"not acceptable": true, "not acceptable here": true, "not found": true, "bad gateway": true,
	"request terminated": true, "request timeout": true, "service unavailable": true,
	"temporarily unavailable": true,
	// the same statuses in Chinese, Japanese, Korean and Russian, as a standard phrase before
	// the cause ("禁止：授權通道數已用盡", "Запрещено: вызываемый абонент отклонил входящий")
	"禁止": true, "忙碌": true, "拒绝": true, "拒絕": true, "找不到": true, "未找到": true, "不可接受": true,
	"网关错误": true, "閘道器錯誤": true, "服务器错误": true, "伺服器錯誤": true, "服务器内部错误": true,
	"伺服器內部錯誤": true, "内部错误": true, "內部錯誤": true, "暂时不可用": true, "暫時無法使用": true,
	"服务不可用": true, "服務無法使用": true, "请求超时": true, "請求逾時": true,
	"利用できません": true, "一時的に利用できません": true, "内部エラー": true, "見つかりません": true,
	"サービス利用不可": true, "接続拒否": true, "話中": true, "拒否": true, "タイムアウト": true,
	"サーバーエラー": true, "ゲートウェイエラー": true,
	"금지됨": true, "금지": true, "거절": true, "거부됨": true, "통화 중": true, "내부 오류": true, "찾을 수 없음": true,
	"일시적 사용 불가": true, "일시적으로 사용할 수 없음": true, "서비스 사용 불가": true, "시간 초과": true,
	"서버 오류": true, "게이트웨이 오류": true,
	"таймаут": true, "тайм-аут": true, "внутренняя ошибка": true, "ошибка сервера": true,
	"ошибка шлюза": true, "отказано": true,
	// the standard phrases of the common codes in Spanish, Portuguese, German, Dutch, French,
	// Italian, Arabic, Turkish, Hindi and Persian, as headings before the cause
	"solicitud incorrecta": true, "petición incorrecta": true, "tiempo agotado": true,
	"tiempo de espera agotado": true, "ya no existe": true, "tipo de medio no soportado": true,
	"solicitud terminada": true, "petición terminada": true, "no aceptable": true,
	"no aceptable aquí": true, "error interno del servidor": true, "error interno": true,
	"no implementado": true, "puerta de enlace incorrecta": true, "pasarela incorrecta": true,
	"tiempo de espera del servidor": true, "ocupado en todas partes": true,
	"no existe en ninguna parte": true,
	"requisição inválida":        true, "pedido inválido": true, "tempo esgotado": true,
	"tempo limite esgotado": true, "não existe mais": true, "tipo de mídia não suportado": true,
	"requisição terminada": true, "pedido terminado": true, "não aceitável": true,
	"não aceitável aqui": true, "erro interno do servidor": true, "erro interno": true,
	"não implementado": true, "gateway inválido": true, "tempo limite do servidor": true,
	"ocupado em todo lugar": true, "rejeitado": true, "rejeitada": true,
	"ungültige anfrage": true, "fehlerhafte anfrage": true, "zeitüberschreitung": true,
	"zeitüberschreitung der anfrage": true, "nicht mehr vorhanden": true,
	"nicht unterstützter medientyp": true, "anfrage beendet": true, "nicht akzeptabel": true,
	"hier nicht akzeptabel": true, "interner serverfehler": true, "interner fehler": true,
	"nicht implementiert": true, "ungültiges gateway": true, "fehlerhaftes gateway": true,
	"server-zeitüberschreitung": true, "überall besetzt": true,
	"ongeldig verzoek": true, "time-out": true, "verzoek time-out": true,
	"niet meer beschikbaar": true, "niet-ondersteund mediatype": true, "verzoek beëindigd": true,
	"niet aanvaardbaar": true, "niet aanvaardbaar hier": true, "interne serverfout": true,
	"niet geïmplementeerd": true, "ongeldige gateway": true, "server-time-out": true,
	"overal bezet":     true,
	"requête invalide": true, "mauvaise requête": true, "non trouvé": true, "délai dépassé": true,
	"délai d'attente dépassé": true, "n'existe plus": true, "type de média non pris en charge": true,
	"requête terminée": true, "non acceptable": true, "non acceptable ici": true,
	"erreur interne du serveur": true, "erreur interne": true, "non implémenté": true,
	"passerelle incorrecte": true, "délai du serveur dépassé": true, "occupé partout": true,
	"richiesta non valida": true, "tempo scaduto": true, "timeout della richiesta": true,
	"non più esistente": true, "tipo di media non supportato": true, "richiesta terminata": true,
	"non accettabile": true, "non accettabile qui": true, "errore interno del server": true,
	"errore interno": true, "non implementato": true, "gateway non valido": true,
	"occupato ovunque": true,
	"طلب غير صالح":     true, "ممنوع": true, "محظور": true, "غير موجود": true, "انتهت مهلة الطلب": true,
	"غير متاح مؤقتاً": true, "غير متاح مؤقتا": true, "مشغول": true, "تم إنهاء الطلب": true,
	"غير مقبول": true, "خطأ داخلي في الخادم": true, "غير منفذ": true, "بوابة غير صالحة": true,
	"الخدمة غير متاحة": true, "مرفوض": true, "تم الرفض": true, "غير موجود في أي مكان": true,
	"مشغول في كل مكان": true,
	"hatalı istek":     true, "geçersiz istek": true, "istek zaman aşımı": true, "zaman aşımı": true,
	"geçici olarak kullanılamıyor": true, "istek sonlandırıldı": true, "kabul edilemez": true,
	"sunucu iç hatası": true, "dahili sunucu hatası": true, "uygulanmadı": true,
	"hatalı ağ geçidi": true, "hizmet kullanılamıyor": true, "her yerde meşgul": true,
	"गलत अनुरोध": true, "निषिद्ध": true, "नहीं मिला": true, "अनुरोध का समय समाप्त": true,
	"अस्थायी रूप से अनुपलब्ध": true, "व्यस्त": true, "अनुरोध समाप्त": true, "स्वीकार्य नहीं": true,
	"आंतरिक सर्वर त्रुटि": true, "लागू नहीं": true, "खराब गेटवे": true, "सेवा उपलब्ध नहीं": true,
	"अस्वीकृत":        true,
	"درخواست نامعتبر": true, "یافت نشد": true, "مهلت درخواست تمام شد": true,
	"موقتاً در دسترس نیست": true, "موقتا در دسترس نیست": true, "درخواست خاتمه یافت": true,
	"غیرقابل قبول": true, "خطای داخلی سرور": true, "پیاده‌سازی نشده": true, "دروازهٔ نامعتبر": true,
	"دروازه نامعتبر": true, "سرویس در دسترس نیست": true, "رد شد": true,
	// ended
	"terminada": true, "terminado": true, "terminée": true, "beendet": true, "terminata": true, "beëindigd": true,
}

// foldedPlainStatuses are the plain statuses as the normalised phrase writes them: without
// diacritics and with hyphens as spaces ("vorübergehend nicht verfügbar" is "vorubergehend
// nicht verfugbar"), so that a heading after a lead-in that only Normalize drops is found too
// ("SIP 480 Temporariamente indisponível: ..."). Built once; read only.
var foldedPlainStatuses = func() map[string]bool {
	m := make(map[string]bool, len(plainStatuses))
	for s := range plainStatuses {
		if f := strings.ReplaceAll(foldPattern(s), "-", " "); f != s {
			m[f] = true
		}
	}
	return m
}()

// headingSeparators end a heading, in the order they are looked for at a position.
var headingSeparators = []string{": ", " : ", "：", " – ", " — ", " - "}

// segmentStarts begin the text a heading may be: after a lead-in ("Error: Ocupado: ..."),
// the code's standard phrase ("Busy Here - Ocupado: ..."), an opening bracket ("Busy Here
// [Ocupado: ...]") or a label in brackets ("[Vendor] Ocupado: ...").
var segmentStarts = append(append([]string(nil), headingSeparators...), " / ", "[", "(", "] ", ") ")

// maxHeadingScan bounds how many separators of a phrase are tried as a heading's end.
const maxHeadingScan = 4

// headingAt returns the heading, the text between the last segment start before the first
// heading separator at or after from and that separator, and what follows it, false when
// phrase has none there; next is where to look for the separator after it.
func headingAt(phrase string, from int) (heading, rest string, next int, ok bool) {
	at, sep := -1, ""
	for _, s := range headingSeparators {
		if i := strings.Index(phrase[from:], s); i >= 0 && (at < 0 || from+i < at) {
			at, sep = from+i, s
		}
	}
	if at <= 0 {
		return "", "", len(phrase), false
	}
	start, opener := 0, ""
	for _, s := range segmentStarts {
		if i := strings.LastIndex(phrase[:at], s); i >= 0 && i+len(s) > start {
			start, opener = i+len(s), s
		}
	}
	heading = strings.TrimSpace(phrase[start:at])
	rest = strings.TrimSpace(phrase[at+len(sep):])
	// A heading inside brackets ends with them: "[Ocupado: llamada rechazada]".
	switch opener {
	case "[":
		rest = strings.TrimSuffix(rest, "]")
	case "(":
		rest = strings.TrimSuffix(rest, ")")
	}
	if heading == "" || rest == "" {
		return "", "", at + len(sep), false
	}
	return heading, rest, at + len(sep), true
}

// afterHeading reads the part of r's phrase after a plain status heading, when d, the reading
// of the whole phrase, says no more than the code's default; ok is false when there is no
// such reading. A rest that only advises a retry ("Rejected - try later") names no cause.
func (c *Classifier) afterHeading(r *Response, d Diagnosis) (Diagnosis, bool) {
	def := c.codeDefault(r.Code)
	if d.Category != def || !(isFallback(d.Rule) || strings.HasPrefix(d.Rule, "phrase.")) {
		return d, false
	}
	rest, ok := statusHeadingRest(r)
	if !ok {
		return d, false
	}
	dr := c.decideSplit(withReason(r, rest))
	if isFallback(dr.Rule) || dr.Category == def || strings.HasPrefix(dr.Rule, "phrase.capacity.try-later") {
		return d, false
	}
	return dr, true
}

// statusHeadingRest returns what follows a plain status heading of r's phrase, looked for in
// the phrase as written and with its dashes made colons and its lead-ins dropped as Normalize
// drops them ("SIP 486 Besetzt – ...": Normalize alone turns dashes into spaces).
func statusHeadingRest(r *Response) (string, bool) {
	if !strings.ContainsAny(r.Reason, ":-–—：") {
		return "", false
	}
	dashed := dashesAsColons.Replace(r.Reason)
	raw := strings.TrimSpace(r.Reason)
	for _, p := range [...]string{strings.ToLower(raw), Normalize(r.Code, dashed)} {
		for i, from := 0, 0; i < maxHeadingScan && from < len(p); i++ {
			heading, rest, next, ok := headingAt(p, from)
			if ok && (plainStatuses[heading] || foldedPlainStatuses[heading]) {
				return asWritten(raw, p, next, rest), true
			}
			from = next
		}
	}
	return "", false
}

// dashesAsColons writes a dash between words as a colon, so that Normalize, which turns dashes
// into spaces, keeps the end of a heading. Built once; safe for concurrent use.
var dashesAsColons = strings.NewReplacer(" – ", ": ", " — ", ": ", " - ", ": ")

// asWritten returns rest, found in lower at or after from, as raw writes it when lower is raw
// lower-cased: the rest is read again from the start, and lower case loses the word boundaries
// of identifiers in camel case ("absentSubscriberSM"). A rest of the normalised phrase, or one
// whose bytes lower-casing moved, is returned as it is.
func asWritten(raw, lower string, from int, rest string) string {
	if len(raw) != len(lower) {
		return rest
	}
	k := strings.Index(lower[from:], rest)
	if k < 0 {
		return rest
	}
	k += from
	if w := raw[k : k+len(rest)]; strings.ToLower(w) == rest {
		return w
	}
	return rest
}
