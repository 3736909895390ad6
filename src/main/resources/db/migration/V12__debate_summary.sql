-- The substance of the debate on each item (CGCT L2121-15, as in force since 1 July 2022), entered
-- with the vote by the secretariat and printed in the minutes.
alter table vote add column debate_summary text;
