package io.memnun.storage.jdbc.internal;

import io.memnun.feedback.DepartmentId;
import io.memnun.routing.LocalizedText;
import io.memnun.storage.jdbc.internal.JsonValues.Obj;
import io.memnun.survey.Answer;
import io.memnun.survey.Choice;
import io.memnun.survey.Question;
import io.memnun.survey.QuestionType;
import io.memnun.survey.Survey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of a survey version's definition (its title and questions) and of a response's answers. Field names are
 * part of the stored format: renaming one needs a migration.
 */
final class SurveyJson {
    private SurveyJson() {}

    static String definition(Survey s) {
        Map<String, Object> m = JsonValues.object();
        m.put("title", text(s.title()));
        List<Object> questions = new ArrayList<>();
        for (Question q : s.questions()) {
            Map<String, Object> qm = JsonValues.object();
            qm.put("id", q.id());
            qm.put("type", q.type().name());
            qm.put("text", text(q.text()));
            if (!q.choices().isEmpty()) {
                List<Object> choices = new ArrayList<>();
                for (Choice c : q.choices()) {
                    Map<String, Object> cm = JsonValues.object();
                    cm.put("id", c.id());
                    cm.put("label", text(c.label()));
                    choices.add(cm);
                }
                qm.put("choices", choices);
            }
            qm.put("department", q.department() == null ? null : q.department().value());
            qm.put("required", q.required());
            questions.add(qm);
        }
        m.put("questions", questions);
        return JsonValues.write(m);
    }

    /** The title (first) and the questions (second) of a stored definition. */
    static Definition definition(String json) {
        Obj o = Obj.of(JsonValues.parse(json));
        List<Question> questions = new ArrayList<>();
        for (Obj q : o.objs("questions")) {
            List<Choice> choices = q.objs("choices").stream().map(c -> new Choice(c.string("id"), text(c.obj("label")))).toList();
            String dept = q.optString("department");
            questions.add(new Question(q.string("id"), QuestionType.valueOf(q.string("type")), text(q.obj("text")), choices,
                    dept == null ? null : DepartmentId.of(dept), q.bool("required")));
        }
        return new Definition(text(o.obj("title")), questions);
    }

    record Definition(LocalizedText title, List<Question> questions) {}

    static String answers(List<Answer> answers) {
        List<Object> list = new ArrayList<>();
        for (Answer a : answers) {
            Map<String, Object> m = JsonValues.object();
            m.put("question", a.questionId());
            if (a instanceof Answer.Score s) {
                m.put("score", s.value());
            } else if (a instanceof Answer.Choices c) {
                m.put("choices", c.choiceIds());
            } else if (a instanceof Answer.Text t) {
                m.put("text", t.text());
            } else if (a instanceof Answer.YesNo y) {
                m.put("yes", y.yes());
            } else {
                throw new IllegalArgumentException("unknown answer " + a);
            }
            list.add(m);
        }
        return JsonValues.write(list);
    }

    static List<Answer> answers(String json) {
        Object parsed = JsonValues.parse(json);
        List<Answer> answers = new ArrayList<>();
        for (Object item : (List<?>) parsed) {
            Obj a = Obj.of(item);
            String q = a.string("question");
            Map<String, Object> f = a.fields();
            if (f.containsKey("score")) {
                answers.add(Answer.score(q, Math.toIntExact(a.optLong("score"))));
            } else if (f.containsKey("choices")) {
                answers.add(new Answer.Choices(q, a.strings("choices")));
            } else if (f.containsKey("text")) {
                answers.add(Answer.text(q, a.string("text")));
            } else {
                answers.add(Answer.yesNo(q, a.bool("yes")));
            }
        }
        return answers;
    }

    static Map<String, Object> text(LocalizedText t) {
        Map<String, Object> m = JsonValues.object();
        m.put("tr", t.tr());
        m.put("en", t.en());
        if (!t.others().isEmpty()) {
            m.put("others", new LinkedHashMap<>(t.others()));
        }
        return m;
    }

    static LocalizedText text(Obj o) {
        Map<String, String> others = new LinkedHashMap<>();
        Obj more = o.optObj("others");
        if (more != null) {
            more.fields().forEach((k, v) -> others.put(k, String.valueOf(v)));
        }
        return new LocalizedText(o.string("tr"), o.string("en"), others);
    }
}
