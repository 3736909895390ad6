package fr.comitia.mail;

import fr.comitia.platform.FrenchDates;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Cn;
import net.fortuna.ical4j.model.parameter.PartStat;
import net.fortuna.ical4j.model.parameter.Role;
import net.fortuna.ical4j.model.parameter.Rsvp;
import net.fortuna.ical4j.model.property.Attendee;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Organizer;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import org.springframework.stereotype.Component;

/** iCalendar invitations (METHOD:REQUEST, Europe/Paris) for a session, made with ical4j. */
@Component
public class CalendarInvitations {

  public static final ZoneId PARIS = FrenchDates.ZONE;

  public record Invitation(String uid, int sequence, ZonedDateTime start, Duration duration, String summary,
      String location, String description, String organizerName, String organizerEmail, String attendeeName,
      String attendeeEmail) {}

  public String request(Invitation i) {
    ZonedDateTime start = i.start().withZoneSameInstant(PARIS);
    VEvent event = new VEvent(start, start.plus(i.duration()), i.summary());
    event.add(new Uid(i.uid()));
    event.add(new Sequence(i.sequence()));
    event.add(new Location(i.location()));
    if (i.description() != null) {
      event.add(new Description(i.description()));
    }
    Organizer organizer = new Organizer(URI.create("mailto:" + i.organizerEmail()));
    organizer.add(new Cn(i.organizerName()));
    event.add(organizer);
    Attendee attendee = new Attendee(URI.create("mailto:" + i.attendeeEmail()));
    attendee.add(new Cn(i.attendeeName()));
    attendee.add(Role.REQ_PARTICIPANT);
    attendee.add(PartStat.NEEDS_ACTION);
    attendee.add(new Rsvp(true));
    event.add(attendee);

    Calendar calendar = new Calendar();
    calendar.add(new ProdId("-//Comitia//Convocation//FR"));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);
    calendar.add(ImmutableMethod.REQUEST);
    calendar.add(TimeZoneRegistryFactory.getInstance().createRegistry().getTimeZone(PARIS.getId()).getVTimeZone());
    calendar.add(event);
    // ical4j's outputter folds each content line at 75 octets (RFC 5545 §3.1), as mail clients expect;
    // toString() does not.
    java.io.StringWriter out = new java.io.StringWriter();
    try {
      new net.fortuna.ical4j.data.CalendarOutputter(false).output(calendar, out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toString();
  }
}
